package dev.tinyreason.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The library on a JVM without the Vector API module (a notebook kernel or a {@code java} command
 * that lacks {@code --add-modules jdk.incubator.vector}): it must load, leave one sequence to DJL
 * by default (the scalar loops are slower than DJL on tiny), and on request decode on the scalar
 * kernels correctly; Q8_0 weights always decode in Java, here on the scalar loops, without loading
 * the module either. The only honest check is a second JVM started without the flag, since a
 * module cannot be removed from a running one.
 */
class DecodeKernelsFallbackTest {

    @Test
    void aJvmWithoutTheVectorModuleUsesDjlOrOnRequestTheScalarKernels() throws Exception {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        for (String p : new String[] {"ai.djl.offline", "ENGINE_CACHE_DIR", "DJL_CACHE_DIR"}) {
            if (System.getProperty(p) != null) {
                cmd.add("-D" + p + "=" + System.getProperty(p));
            }
        }
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"),
                ScalarFallbackMain.class.getName()));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = read(p);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "The child JVM did not finish: " + out);
        assertEquals(0, p.exitValue(), out);
        assertTrue(out.contains("auto=DecodeSession"), out);
        assertTrue(out.contains("module=false kernels=scalar"), out);
        assertTrue(out.contains("q8=scalar finite=true"), out);
        assertTrue(!out.contains("incubator"), "Nothing may load the incubator module: " + out);
        String diff = out.substring(out.indexOf("maxAbsDiff=") + "maxAbsDiff=".length()).trim();
        assertTrue(Double.parseDouble(diff) < 1e-4, out);
    }

    private static String read(Process p) throws IOException {
        return new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    }
}
