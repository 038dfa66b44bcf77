package dev.tinyreason.tensor;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.List;

/**
 * Checks that the machine can run the course: Java version, DJL's PyTorch engine with its
 * bundled natives (never downloaded), and one real tensor operation.
 */
public final class Environment {

    /** One checked item: what, its value, whether it is fine, and if not, how to fix it. */
    public record Check(String item, String value, boolean ok, String fix) {
        public Check {
            fix = ok ? "" : fix;
        }
    }

    private Environment() {}

    /** Runs every check; never throws — a failing check says what to do instead. */
    public static List<Check> check() {
        List<Check> checks = new ArrayList<>();
        int feature = Runtime.version().feature();
        checks.add(new Check("Java", System.getProperty("java.version"), feature >= 17,
                "install JDK 17 (e.g. apt-get install openjdk-17-jdk-headless)"));
        boolean offline = Boolean.getBoolean("ai.djl.offline");
        checks.add(new Check("DJL offline mode", String.valueOf(offline), offline,
                "start the JVM with -Dai.djl.offline=true (./tinyreason sets it)"));
        checks.add(new Check("CPU cores", String.valueOf(Runtime.getRuntime().availableProcessors()),
                true, ""));
        try {
            Engine engine = Engine.getInstance();
            checks.add(new Check("DJL engine", engine.getEngineName() + " " + engine.getVersion()
                    + " (DJL " + Engine.getDjlVersion() + ")", true, ""));
            float[] product = Scope.compute(nd -> matmulDemo(nd));
            boolean right = product.length == 4 && product[0] == 7f && product[3] == 26f;
            checks.add(new Check("tensor op [[1,2],[3,4]] x [[1,2],[3,5]]",
                    java.util.Arrays.toString(product), right, "reinstall: ./tinyreason lab"));
        } catch (RuntimeException | UnsatisfiedLinkError e) {
            checks.add(new Check("DJL engine", "failed: " + e.getMessage(), false,
                    "keep pytorch-native-cpu (linux-x86_64) on the classpath and run offline; "
                            + "rebuild with ./tinyreason lab"));
        }
        return checks;
    }

    /**
     * Sets PyTorch's intra-op thread count (and one inter-op thread) for this JVM. It must run
     * before the engine loads: afterwards PyTorch keeps the count it started with. The one place
     * the library sets DJL's threads.
     */
    public static void useThreads(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, got " + threads + ".");
        }
        System.setProperty("ai.djl.pytorch.num_threads", String.valueOf(threads));
        System.setProperty("ai.djl.pytorch.num_interop_threads", "1");
    }

    /** True when every check passed. */
    public static boolean allOk(List<Check> checks) {
        return checks.stream().allMatch(Check::ok);
    }

    private static float[] matmulDemo(NDManager nd) {
        NDArray a = nd.create(new float[] {1, 2, 3, 4}, new Shape(2, 2));
        NDArray b = nd.create(new float[] {1, 2, 3, 5}, new Shape(2, 2));
        return a.matMul(b).toFloatArray(); // [[7, 12], [15, 26]]
    }
}
