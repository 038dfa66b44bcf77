package dev.tinyreason.trm;

import dev.tinyreason.tensor.SafeTensors.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BinaryOperator;

/**
 * The Tiny Recursive Model's forward pass in plain Java, one puzzle at a time: the version to
 * read. Arrays are {@code [cells][hidden]} (written {@code (L, D)} below). The DJL network
 * ({@link TrmNetwork}) computes the same numbers on batches and is tested against this class.
 *
 * <p>The recursion (paper, Figure 3), with {@code f} the {@link TrmConfig#numLayers} blocks:
 * <pre>
 *   x = embed(puzzle)                          fixed
 *   repeat nSup supervision steps:             (y, z) carried from step to step
 *     repeat T recursions:
 *       repeat n times:  z = f(z + y + x)      latent reasoning: sees the puzzle
 *       y = f(y + z)                           answer update: x left out
 *     answer = argmax(y @ head), halt if (mean(y) . q_head + bias) > 0
 * </pre>
 */
public final class TrmReference {

    private static final float RMS_EPS = 1e-5f;

    private final TrmConfig config;
    private final TrmWeights weights;

    public TrmReference(TrmConfig config, TrmWeights weights) {
        weights.checkMatches(config);
        this.config = config;
        this.weights = weights;
    }

    /** The carried state: current answer y and latent z, both (L, D). */
    public record State(float[][] y, float[][] z) {}

    /**
     * What the model says after one supervision step.
     *
     * @param logits  (L, digits) answer logits
     * @param qHalt   halting logit: the model's belief that {@code answer} is fully correct
     * @param answer  the predicted board, digits 1..size
     */
    public record Step(float[][] logits, float qHalt, int[] answer) {}

    /** Runs {@code steps} supervision steps (no halting) and returns what each one predicts. */
    public List<Step> run(int[] puzzle, int steps) {
        float[][] x = embed(puzzle);
        List<Step> out = new ArrayList<>();
        if (config.recursion() == TrmConfig.Recursion.NONE) {
            out.add(readOut(f(x, zeros(x.length, x[0].length))));
            return out;
        }
        State s = initialState();
        for (int step = 0; step < steps; step++) {
            s = supervisionStep(x, s);
            out.add(readOut(s.y()));
        }
        return out;
    }

    /**
     * Finer-grained than {@link #run}: what the answer head would say after every recursion
     * ({@code T} per supervision step, so {@code steps * T} entries), for pictures of an answer
     * taking shape. Plain Java: fine for one puzzle at a time.
     */
    public List<Step> runRecursions(int[] puzzle, int steps) {
        if (config.recursion() == TrmConfig.Recursion.NONE) {
            return run(puzzle, 1);
        }
        float[][] x = embed(puzzle);
        List<Step> out = new ArrayList<>();
        State s = initialState();
        for (int i = 0; i < steps * config.T(); i++) {
            s = recursion(x, s);
            out.add(readOut(s.y()));
        }
        return out;
    }

    /** x = sqrt(D) * embed[token] (attention: plus a learned position, scaled by 1/sqrt 2). */
    public float[][] embed(int[] puzzle) {
        int d = config.hiddenSize();
        float scale = (float) Math.sqrt(d);
        float[][] x = new float[puzzle.length][d];
        for (int cell = 0; cell < puzzle.length; cell++) {
            for (int k = 0; k < d; k++) {
                float v = at(weights.get("embed"), puzzle[cell], k);
                if (config.mixer() == TrmConfig.Mixer.ATTENTION) {
                    v = (v + at(weights.get("pos"), cell, k)) * (float) Math.sqrt(0.5);
                }
                x[cell][k] = scale * v;
            }
        }
        return x;
    }

    /** y and z start as the fixed vectors y_init and z_init, copied to every cell. */
    public State initialState() {
        int cells = config.cells();
        float[][] y = new float[cells][];
        float[][] z = new float[cells][];
        for (int cell = 0; cell < cells; cell++) {
            y[cell] = weights.get("y_init").values().clone();
            z[cell] = weights.get("z_init").values().clone();
        }
        return new State(y, z);
    }

    /** T recursions. (Training runs the first T-1 without gradients; the values are the same.) */
    public State supervisionStep(float[][] x, State s) {
        for (int t = 0; t < config.T(); t++) {
            s = recursion(x, s);
        }
        return s;
    }

    /** n latent updates z = f(z + (y + x)), then one answer update y = f(y + z). */
    public State recursion(float[][] x, State s) {
        return recursion(this::f, x, s, config.n());
    }

    /**
     * One recursion with any network {@code f(hidden, injection)}: n latent updates
     * {@code z = f(z, y + x)}, then the answer update {@code y = f(y, z)} — x is left out, so
     * only z carries the puzzle into the answer. The inputs are not changed.
     */
    public static State recursion(BinaryOperator<float[][]> f, float[][] x, State s, int n) {
        float[][] y = s.y();
        float[][] z = s.z();
        for (int i = 0; i < n; i++) {
            z = f.apply(z, add(y, x));
        }
        y = f.apply(y, z);
        return new State(y, z);
    }

    /** The network: add the input injection, then run every block. (L, D) -> (L, D). */
    public float[][] f(float[][] hidden, float[][] injection) {
        float[][] h = add(hidden, injection);
        for (int i = 0; i < config.numLayers(); i++) {
            h = block(i, h);
        }
        return h;
    }

    /** One post-norm block: mix across cells, then a per-cell MLP, each with a residual. */
    float[][] block(int layer, float[][] h) {
        String p = "layers." + layer + ".";
        if (config.mixer() == TrmConfig.Mixer.MLP_MIXER) {
            // Mix across cells: transpose to (D, L) and run a SwiGLU over the cell axis.
            float[][] ht = transpose(h);
            ht = rmsNorm(add(ht, swiglu(ht, p + "token_mlp.gate_up", p + "token_mlp.down")));
            h = transpose(ht);
        } else {
            h = rmsNorm(add(h, attention(h, p + "attn.qkv", p + "attn.out")));
        }
        return rmsNorm(add(h, swiglu(h, p + "mlp.gate_up", p + "mlp.down")));
    }

    /** SwiGLU: (silu(a @ Wg) * (a @ Wu)) @ Wd, with [Wg | Wu] stored side by side. */
    float[][] swiglu(float[][] a, String gateUp, String down) {
        float[][] gu = matmul(a, weights.get(gateUp));  // (rows, 2 * inner)
        int inner = gu[0].length / 2;
        float[][] act = new float[a.length][inner];
        for (int r = 0; r < a.length; r++) {
            for (int k = 0; k < inner; k++) {
                float g = gu[r][k];
                act[r][k] = g / (1f + (float) Math.exp(-g)) * gu[r][inner + k];
            }
        }
        return matmul(act, weights.get(down));
    }

    /** Multi-head self-attention over all cells (no mask). (L, D) -> (L, D). */
    float[][] attention(float[][] h, String qkvName, String outName) {
        int cells = h.length;
        int d = config.hiddenSize();
        int heads = config.numHeads();
        int hd = d / heads;
        float[][] qkv = matmul(h, weights.get(qkvName));  // (L, 3D): [q | k | v]
        float[][] mixed = new float[cells][d];
        for (int head = 0; head < heads; head++) {
            int q0 = head * hd;
            int k0 = d + head * hd;
            int v0 = 2 * d + head * hd;
            for (int i = 0; i < cells; i++) {
                float[] scores = new float[cells];
                float max = Float.NEGATIVE_INFINITY;
                for (int j = 0; j < cells; j++) {
                    float s = 0;
                    for (int k = 0; k < hd; k++) {
                        s += qkv[i][q0 + k] * qkv[j][k0 + k];
                    }
                    scores[j] = s / (float) Math.sqrt(hd);
                    max = Math.max(max, scores[j]);
                }
                float sum = 0;
                for (int j = 0; j < cells; j++) {
                    scores[j] = (float) Math.exp(scores[j] - max);
                    sum += scores[j];
                }
                for (int j = 0; j < cells; j++) {
                    for (int k = 0; k < hd; k++) {
                        mixed[i][q0 + k] += scores[j] / sum * qkv[j][v0 + k];
                    }
                }
            }
        }
        return matmul(mixed, weights.get(outName));
    }

    /** Answer logits y @ head, the argmax board, and the halting logit on the mean of y. */
    Step readOut(float[][] y) {
        float[][] logits = matmul(y, weights.get("head"));  // (L, digits)
        int[] answer = new int[logits.length];
        for (int cell = 0; cell < logits.length; cell++) {
            int best = 0;
            for (int k = 1; k < logits[cell].length; k++) {
                if (logits[cell][k] > logits[cell][best]) {
                    best = k;
                }
            }
            answer[cell] = best + 1;
        }
        float q = Float.NaN;
        if (config.recursion() == TrmConfig.Recursion.TRM) {
            float[] w = weights.get("q_head.weight").values();
            q = weights.get("q_head.bias").values()[0];
            for (int k = 0; k < w.length; k++) {
                float mean = 0;
                for (float[] row : y) {
                    mean += row[k];
                }
                q += mean / y.length * w[k];
            }
        }
        return new Step(logits, q, answer);
    }

    // ---- the few array helpers the forward pass needs ----

    /** Element (row, col) of a matrix. */
    private static float at(Tensor m, int row, int col) {
        return m.values()[row * m.shape()[1] + col];
    }

    static float[][] matmul(float[][] a, Tensor w) {
        int in = w.shape()[0];
        int out = w.shape()[1];
        float[] wd = w.values();
        float[][] c = new float[a.length][out];
        for (int r = 0; r < a.length; r++) {
            for (int k = 0; k < in; k++) {
                float av = a[r][k];
                for (int j = 0; j < out; j++) {
                    c[r][j] += av * wd[k * out + j];
                }
            }
        }
        return c;
    }

    static float[][] add(float[][] a, float[][] b) {
        float[][] c = new float[a.length][a[0].length];
        for (int r = 0; r < a.length; r++) {
            for (int k = 0; k < a[0].length; k++) {
                c[r][k] = a[r][k] + b[r][k];
            }
        }
        return c;
    }

    /** Each row divided by its root mean square (no learned scale, as in the paper's code). */
    static float[][] rmsNorm(float[][] a) {
        float[][] c = new float[a.length][];
        for (int r = 0; r < a.length; r++) {
            float ms = 0;
            for (float v : a[r]) {
                ms += v * v;
            }
            float inv = 1f / (float) Math.sqrt(ms / a[r].length + RMS_EPS);
            c[r] = new float[a[r].length];
            for (int k = 0; k < a[r].length; k++) {
                c[r][k] = a[r][k] * inv;
            }
        }
        return c;
    }

    static float[][] transpose(float[][] a) {
        float[][] t = new float[a[0].length][a.length];
        for (int r = 0; r < a.length; r++) {
            for (int k = 0; k < a[0].length; k++) {
                t[k][r] = a[r][k];
            }
        }
        return t;
    }

    static float[][] zeros(int rows, int cols) {
        return new float[rows][cols];
    }
}
