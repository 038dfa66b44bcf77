package dev.tinyreason.model;

import java.util.Random;

/**
 * Run by {@link DecodeKernelsFallbackTest} in a JVM started WITHOUT
 * {@code --add-modules jdk.incubator.vector}: prints which decoder {@link Decoder#open} picks
 * for one sequence by default and for Q8_0 weights (the Java path, on the scalar loops), then
 * forces the Java path and prints which kernels ran and how far its log-probs are from DJL's.
 */
public final class ScalarFallbackMain {

    private ScalarFallbackMain() {}

    public static void main(String[] args) {
        ModelConfig c = ModelConfig.nano().withVocabSize(300).withMaxPositions(32);
        try (LlamaModel m = LlamaModel.init(c, 12)) {
            try (Decoder auto = Decoder.open(m, 1, 10)) {
                System.out.println("auto=" + auto.getClass().getSimpleName());
            }
            try (Decoder q8 = Decoder.open(m, 1, 10, WeightFormat.Q8_0)) {
                float[] row = q8.prefill(TokenBatch.of(new int[] {1, 5, 9}))[0];
                System.out.println("q8=" + ((JavaDecoder) q8).kernelName() + " finite="
                        + java.util.Arrays.stream(new double[] {row[0], row[row.length - 1]})
                                .allMatch(Double::isFinite));
            }
            System.setProperty(Decoder.PATH_PROPERTY, "java");
            try (Decoder java = Decoder.open(m, 1, 10);
                    DecodeSession djl = new DecodeSession(m, 1, 10)) {
                int[] prompt = new Random(1).ints(6, 3, c.vocabSize()).toArray();
                double worst = maxAbsDiff(djl.prefill(TokenBatch.of(prompt))[0],
                        java.prefill(TokenBatch.of(prompt))[0]);
                for (int token : new int[] {5, 77, 123, 9}) {
                    worst = Math.max(worst, maxAbsDiff(djl.step(new int[] {token})[0],
                            java.step(new int[] {token})[0]));
                }
                System.out.println("module=" + DecodeKernels.vectorModulePresent() + " kernels="
                        + ((JavaDecoder) java).kernelName() + " maxAbsDiff=" + worst);
            }
        }
    }

    private static double maxAbsDiff(float[] a, float[] b) {
        double worst = 0;
        for (int i = 0; i < a.length; i++) {
            worst = Math.max(worst, Math.abs(a[i] - b[i]));
        }
        return worst;
    }
}
