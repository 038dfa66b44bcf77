package dev.tinyreason.trm;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import dev.tinyreason.tensor.SafeTensors.Tensor;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The Tiny Recursive Model on DJL: the same computation as {@link TrmReference}, on batches.
 *
 * <p>Memory: the network owns one {@link NDManager} that holds only its parameters. Callers run
 * each forward pass inside a sub-manager ({@code network.manager().newSubManager()}) and create
 * their inputs there; every op below puts an activation first, so DJL attaches each result to
 * that sub-manager and closing it frees everything. {@link TrmTrainer} and {@link TrmModel} do
 * this for you.
 *
 * <p>Constants (embedding scale, attention scale, the RMSNorm epsilon) are 0-dim arrays the
 * network keeps for its lifetime. DJL's scalar overloads ({@code x.mul(2f)}) wrap the number in
 * a temporary array that shares a Java direct buffer and close it straight away; autograd saves
 * that array for the backward pass of a product, and once the buffer is collected the gradient
 * reads freed memory (we saw NaN gradients, at random steps). Ops that a backward pass replays
 * therefore never take a Java number here.
 *
 * <p>Shapes: B puzzles, L cells, D hidden width, K digits.
 */
public final class TrmNetwork implements AutoCloseable {

    private final TrmConfig config;
    private final NDManager manager;
    private final dev.tinyreason.tensor.NativeMemory.Owned memory;  // frees the tensors when unreachable
    private final Map<String, NDArray> params = new LinkedHashMap<>();
    private final NDArray embedScale;
    private final NDArray halfSqrt;
    private final NDArray attentionScale;
    private final NDArray rmsEps;

    /** The carried state, each (B, L, D). */
    public record Carry(NDArray y, NDArray z) {}

    /** Answer logits (B, L, K) and halting logits (B). */
    public record Output(NDArray logits, NDArray qHalt) {}

    /** Copies {@code weights} into a new manager; trainable ones get gradients. */
    public TrmNetwork(TrmConfig config, TrmWeights weights) {
        weights.checkMatches(config);
        this.config = config;
        this.memory = dev.tinyreason.tensor.NativeMemory.open(this);
        this.manager = memory.manager();
        for (Map.Entry<String, Tensor> e : weights.tensors().entrySet()) {
            Tensor t = e.getValue();
            NDArray p = manager.create(t.values(), shapeOf(t.shape()));
            if (TrmWeights.trainable(e.getKey())) {
                p.setRequiresGradient(true);
            }
            params.put(e.getKey(), p);
        }
        this.embedScale = manager.create((float) Math.sqrt(config.hiddenSize()));
        this.halfSqrt = manager.create((float) Math.sqrt(0.5));
        this.attentionScale = manager.create(config.mixer() == TrmConfig.Mixer.ATTENTION
                ? (float) (1 / Math.sqrt(config.hiddenSize() / config.numHeads())) : 1f);
        this.rmsEps = manager.create(1e-5f);
    }

    public TrmConfig config() {
        return config;
    }

    /** The manager that holds the parameters; open sub-managers of it for each step. */
    public NDManager manager() {
        return manager;
    }

    /** Parameters by name (the same names as {@link TrmWeights}). */
    public Map<String, NDArray> parameters() {
        return params;
    }

    /** The current parameter values, copied out to Java arrays. */
    public TrmWeights weights() {
        Map<String, Tensor> out = new LinkedHashMap<>();
        params.forEach((name, p) -> out.put(name, Tensor.f32(
                toInts(p.getShape()), p.toFloatArray())));
        return new TrmWeights(out);
    }

    /** tokens (B, L) int, 0 = blank -> x (B, L, D) = sqrt(D) * embed[token]. */
    public NDArray embed(NDArray tokens) {
        NDArray x = tokens.oneHot(config.vocabSize()).matMul(params.get("embed"));
        if (config.mixer() == TrmConfig.Mixer.ATTENTION) {
            x = x.add(params.get("pos")).mul(halfSqrt);
        }
        NDArray out = x.mul(embedScale);
        java.lang.ref.Reference.reachabilityFence(this);  // see NativeMemory: no early free
        return out;
    }

    /** y_init and z_init broadcast to (B, L, D), in {@code m}. */
    public Carry initialCarry(NDManager m, int batch) {
        Shape s = new Shape(batch, config.cells(), config.hiddenSize());
        NDArray zeros = m.zeros(s);
        Carry out = new Carry(zeros.add(params.get("y_init")), zeros.add(params.get("z_init")));
        java.lang.ref.Reference.reachabilityFence(this);
        return out;
    }

    /** T recursions (call it outside a GradientCollector for the no-gradient part). */
    public Carry supervisionStep(NDArray x, Carry c) {
        for (int t = 0; t < config.T(); t++) {
            c = recursion(x, c);
        }
        return c;
    }

    /** n latent updates z = f(z + (y + x)), then one answer update y = f(y + z). */
    public Carry recursion(NDArray x, Carry c) {
        NDArray y = c.y();
        NDArray z = c.z();
        for (int i = 0; i < config.n(); i++) {
            z = f(z, y.add(x));
        }
        y = f(y, z);
        return new Carry(y, z);
    }

    /** The network: hidden + injection, then every block. (B, L, D) -> (B, L, D). */
    public NDArray f(NDArray hidden, NDArray injection) {
        NDArray h = injection == null ? hidden : hidden.add(injection);
        for (int i = 0; i < config.numLayers(); i++) {
            h = block(i, h);
        }
        java.lang.ref.Reference.reachabilityFence(this);
        return h;
    }

    /** Answer logits from y, and the halting logit from the mean of y over cells. */
    public Output readOut(NDArray y) {
        NDArray logits = y.matMul(params.get("head"));  // (B, L, K)
        NDArray q = null;
        if (config.recursion() == TrmConfig.Recursion.TRM) {
            q = y.mean(new int[] {1})                      // (B, D)
                    .mul(params.get("q_head.weight")).sum(new int[] {1})
                    .add(params.get("q_head.bias"));       // (B)
        }
        java.lang.ref.Reference.reachabilityFence(this);
        return new Output(logits, q);
    }

    private NDArray block(int layer, NDArray h) {
        String p = "layers." + layer + ".";
        if (config.mixer() == TrmConfig.Mixer.MLP_MIXER) {
            NDArray ht = h.transpose(0, 2, 1);  // (B, D, L): mix across cells
            ht = rmsNorm(ht.add(swiglu(ht, p + "token_mlp.gate_up", p + "token_mlp.down")));
            h = ht.transpose(0, 2, 1);
        } else {
            h = rmsNorm(h.add(attention(h, p + "attn.qkv", p + "attn.out")));
        }
        return rmsNorm(h.add(swiglu(h, p + "mlp.gate_up", p + "mlp.down")));
    }

    private NDArray swiglu(NDArray a, String gateUp, String down) {
        NDList gu = a.matMul(params.get(gateUp)).split(2, 2);  // 2 x (B, rows, inner)
        NDArray g = gu.get(0);
        return g.mul(Activation.sigmoid(g)).mul(gu.get(1)).matMul(params.get(down));
    }

    private NDArray attention(NDArray h, String qkvName, String outName) {
        long b = h.getShape().get(0);
        int cells = config.cells();
        int heads = config.numHeads();
        int hd = config.hiddenSize() / heads;
        NDList qkv = h.matMul(params.get(qkvName)).split(3, 2);  // 3 x (B, L, D)
        Shape split = new Shape(b, cells, heads, hd);
        NDArray q = qkv.get(0).reshape(split).transpose(0, 2, 1, 3);  // (B, H, L, hd)
        NDArray k = qkv.get(1).reshape(split).transpose(0, 2, 3, 1);  // (B, H, hd, L)
        NDArray v = qkv.get(2).reshape(split).transpose(0, 2, 1, 3);  // (B, H, L, hd)
        NDArray weights = q.matMul(k).mul(attentionScale).softmax(3);  // (B, H, L, L)
        NDArray mixed = weights.matMul(v).transpose(0, 2, 1, 3)
                .reshape(b, cells, config.hiddenSize());
        return mixed.matMul(params.get(outName));
    }

    /** Divide by the root mean square over the last axis; no learned scale (as the paper). */
    private NDArray rmsNorm(NDArray a) {
        int last = a.getShape().dimension() - 1;
        return a.div(a.square().mean(new int[] {last}, true).add(rmsEps).sqrt());
    }

    static Shape shapeOf(int[] dims) {
        long[] l = new long[dims.length];
        for (int i = 0; i < dims.length; i++) {
            l[i] = dims[i];
        }
        return new Shape(l);
    }

    static int[] toInts(Shape s) {
        int[] d = new int[s.dimension()];
        for (int i = 0; i < d.length; i++) {
            d[i] = (int) s.get(i);
        }
        return d;
    }

    /** Tokens (B, L) as an int32 array in {@code m}. */
    static NDArray tokens(NDManager m, int[][] boards) {
        int cells = boards[0].length;
        int[] flat = new int[boards.length * cells];
        for (int i = 0; i < boards.length; i++) {
            System.arraycopy(boards[i], 0, flat, i * cells, cells);
        }
        return m.create(flat, new Shape(boards.length, cells)).toType(DataType.INT32, false);
    }

    @Override
    public void close() {
        memory.close();
    }
}
