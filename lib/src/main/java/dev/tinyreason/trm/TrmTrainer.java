package dev.tinyreason.trm;

import ai.djl.engine.Engine;
import ai.djl.ndarray.BaseNDManager;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import dev.tinyreason.tensor.SafeTensors.Tensor;
import dev.tinyreason.train.AdamW;
import dev.tinyreason.train.Trainer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Trains a TRM with deep supervision, ACT halting and an EMA of the weights (paper, Figure 3
 * and Section 4; the batch bookkeeping follows the paper's code).
 *
 * <p>The batch is {@code batchSize} slots. Each slot holds one augmented training puzzle and its
 * carried (y, z). One {@link #step()} is one supervision step for every slot:
 * <ol>
 *   <li>T-1 recursions without gradients (outside a GradientCollector, DJL records nothing);
 *   <li>one recursion with gradients, the answer and halting heads, the loss, backward, AdamW;
 *   <li>the new (y, z) are copied out as plain numbers: the next step starts from them, detached;
 *   <li>a slot halts when its halting logit is positive or it has run nSup steps, and then gets
 *       a fresh puzzle. With probability haltExplorationProb a new slot must first run a random
 *       number of steps in [2, nSup], so the halting head also sees late steps.
 * </ol>
 * A baseline ({@link TrmConfig.Recursion#NONE}) does one forward pass per puzzle and no halting.
 * The slots, their carry and the halting bookkeeping live in {@link TrmBatch}; this class runs
 * the network, the loss, the optimizer and the EMA.
 *
 * <p>Memory: each step runs in its own sub-manager; the carry crosses steps as Java arrays.
 */
public final class TrmTrainer implements AutoCloseable {

    /**
     * Training metrics averaged since the previous report. Accuracies count halted puzzles, as
     * the paper's logs do: {@code cellAccuracy}, {@code exactAccuracy} (whole board right),
     * {@code haltAccuracy} (halting logit sign agrees with exactness) and {@code meanHaltSteps}.
     */
    public record Progress(int step, double seconds, double learningRate, double loss,
            double answerLoss, double haltLoss, double cellAccuracy, double exactAccuracy,
            double haltAccuracy, double meanHaltSteps, long puzzlesSeen) {

        /** Header of {@link #csvRow()}. */
        public static String csvHeader() {
            return "step,seconds,lr,loss,answer_loss,halt_loss,cell_accuracy,exact_accuracy,"
                    + "halt_accuracy,mean_halt_steps,puzzles_seen";
        }

        public String csvRow() {
            return String.format(Locale.ROOT, "%d,%.1f,%.6g,%.5f,%.5f,%.5f,%.4f,%.4f,"
                    + "%.4f,%.3f,%d", step, seconds, learningRate, loss, answerLoss, haltLoss,
                    cellAccuracy, exactAccuracy, haltAccuracy, meanHaltSteps, puzzlesSeen);
        }
    }

    private final TrmConfig config;
    private final TrmTrainConfig train;
    private final TrmNetwork net;
    private final AdamW optimizer;
    private final NDManager emaManager;
    private final Map<String, NDArray> ema = new LinkedHashMap<>();
    /** The weights the optimizer updates (the network's, minus the fixed ones), by name. */
    private final Map<String, NDArray> trainable = new LinkedHashMap<>();
    private final TrmBatch batch;

    private int step;
    private double seconds;
    private final Window window = new Window();
    private final List<Progress> history = new ArrayList<>();

    /** Starts from fresh weights seeded by {@code train.seed()}. */
    public TrmTrainer(TrmConfig config, TrmTrainConfig train, SudokuDataset data) {
        this(TrmModel.init(config, train.seed()), train, data);
    }

    /** Continues from {@code start}'s weights (with a fresh optimizer state). */
    public TrmTrainer(TrmModel start, TrmTrainConfig train, SudokuDataset data) {
        this.config = start.config();
        if (!data.spec().shape().equals(config.shape())) {
            throw new IllegalArgumentException("The data set is " + data.spec().shape()
                    + " but the model is built for " + config.shape() + ".");
        }
        if (data.train().isEmpty()) {
            throw new IllegalArgumentException("The data set has no training puzzles; generate "
                    + "it with trainSize > 0.");
        }
        this.train = train;
        this.net = new TrmNetwork(config, start.weights());
        this.optimizer = new AdamW(new AdamW.Settings(train.beta1(), train.beta2(), 1e-8),
                train.weightDecay());
        this.emaManager = net.manager().newSubManager();
        net.parameters().forEach((name, p) -> ema.put(name, p.duplicate()));
        net.parameters().forEach((name, p) -> {
            if (TrmWeights.trainable(name)) {
                trainable.put(name, p);
            }
        });
        ema.values().forEach(e -> e.attach(emaManager));
        boolean recursive = config.recursion() == TrmConfig.Recursion.TRM;
        // y_init and z_init are fixed (not trained), so one copy serves every fresh slot.
        this.batch = new TrmBatch(config, train, data,
                recursive ? net.parameters().get("y_init").toFloatArray() : null,
                recursive ? net.parameters().get("z_init").toFloatArray() : null);
    }

    /** What {@link #trainFor} returns: the (EMA) model and every progress report. */
    public record Result(TrmModel model, List<Progress> history, int steps, double seconds) {}

    /**
     * Trains a fresh model for {@code seconds} (or {@code maxSteps}, whichever comes first),
     * calling {@code onProgress} every {@code logEvery} steps, and returns the EMA model. Native
     * memory is opened and freed inside: the notebook-friendly entry point.
     */
    public static Result trainFor(TrmConfig config, TrmTrainConfig train, SudokuDataset data,
            double seconds, int maxSteps, int logEvery, Consumer<Progress> onProgress) {
        try (TrmTrainer t = new TrmTrainer(config, train, data)) {
            List<Progress> history = t.train(maxSteps, seconds, logEvery, onProgress);
            return new Result(t.model(), history, t.stepsDone(), t.secondsSpent());
        }
    }

    /** One supervision step on the whole batch; returns its loss. */
    public double step() {
        long t0 = System.nanoTime();
        batch.refill();
        int b = train.batchSize();
        Shape stateShape = new Shape(b, config.cells(), config.hiddenSize());
        boolean recursive = config.recursion() == TrmConfig.Recursion.TRM;
        long[] pred;
        float[] q = null;
        double loss;
        double answerLoss;
        double haltLoss = 0;
        try (NDManager m = net.manager().newSubManager()) {
            NDArray tokens = TrmNetwork.tokens(m, batch.puzzles());
            TrmNetwork.Carry carry = new TrmNetwork.Carry(m.create(batch.y(), stateShape),
                    m.create(batch.z(), stateShape));
            if (recursive) {
                NDArray x = net.embed(tokens);
                for (int t = 0; t < config.T() - 1; t++) {
                    carry = net.recursion(x, carry);  // no gradients: like torch.no_grad()
                }
            }
            TrmLoss l;
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                NDArray x = net.embed(tokens);
                NDArray answerState;
                if (recursive) {
                    carry = net.recursion(x, carry);  // the one recursion that learns
                    answerState = carry.y();
                } else {
                    answerState = net.f(x, null);
                }
                TrmNetwork.Output out = net.readOut(answerState);
                pred = out.logits().argMax(2).toLongArray();
                l = TrmLoss.of(out, TrmNetwork.tokens(m, batch.labels()),
                        m.create(batch.exact(pred)), train.qLossWeight());
                gc.backward(l.total());
                if (out.qHalt() != null) {
                    q = out.qHalt().toFloatArray();
                    haltLoss = l.halt().getFloat();
                }
            }
            loss = l.total().getFloat();
            answerLoss = l.answer().getFloat();
            Trainer.requireFinite(loss, "TRM loss", step, train.learningRate());
            updateWeights();
            if (recursive) {
                // the carry is detached: just numbers from here
                batch.carry(carry.y().toFloatArray(), carry.z().toFloatArray());
            }
        }
        for (TrmBatch.Halt h : batch.decideHalting(pred, q)) {
            window.halted(h);
        }
        step++;
        seconds += (System.nanoTime() - t0) / 1e9;
        window.losses(loss, answerLoss, haltLoss);
        return loss;
    }

    /**
     * Trains until {@code maxSteps} steps or {@code maxSeconds} seconds (whichever comes first),
     * reporting every {@code logEvery} steps to {@code onProgress} (may be null).
     */
    public List<Progress> train(int maxSteps, double maxSeconds, int logEvery,
            Consumer<Progress> onProgress) {
        double start = seconds;
        while (step < maxSteps && seconds - start < maxSeconds) {
            step();
            if (step % logEvery == 0 || step == maxSteps || seconds - start >= maxSeconds) {
                Progress p = window.report();
                history.add(p);
                if (onProgress != null) {
                    onProgress.accept(p);
                }
            }
        }
        return List.copyOf(history);
    }

    /** Every report so far. */
    public List<Progress> history() {
        return List.copyOf(history);
    }

    public int stepsDone() {
        return step;
    }

    public double secondsSpent() {
        return seconds;
    }

    /** The model to keep: the EMA weights (or the raw ones when EMA is off). */
    public TrmModel model() {
        if (train.emaDecay() == 0) {
            return rawModel();
        }
        Map<String, Tensor> out = new LinkedHashMap<>();
        ema.forEach((name, e) -> out.put(name, Tensor.f32(
                TrmNetwork.toInts(e.getShape()), e.toFloatArray())));
        return new TrmModel(config, new TrmWeights(out));
    }

    /** The model with the weights the optimizer is updating. */
    public TrmModel rawModel() {
        return new TrmModel(config, net.weights());
    }

    /** Native arrays held by the network (parameters, EMA copies, optimizer state). */
    int nativeArrays() {
        return ((BaseNDManager) net.manager()).getManagedArrays().size()
                + ((BaseNDManager) emaManager).getManagedArrays().size();
    }

    private void updateWeights() {
        // linear warm-up, then constant, as in the paper; no clipping; every weight decays
        double lr = train.learningRate() * Math.min(1.0, (step + 1.0)
                / Math.max(1, train.warmupSteps()));
        optimizer.step(trainable, name -> true, net.manager(), lr, 0);
        if (train.emaDecay() > 0) {
            // EMA decay ramps up as min(decay, (1 + t) / (10 + t)) so short runs still average.
            float decay = Math.min(train.emaDecay(), (1f + step) / (10f + step));
            trainable.forEach((name, p) -> emaUpdate(ema.get(name), p, decay));
        }
    }

    /**
     * {@code shadow ← decay · shadow + (1 − decay) · weights}, in place: one step of the
     * exponential moving average of the weights (notebook 04's exercise).
     */
    public static void emaUpdate(NDArray shadow, NDArray weights, float decay) {
        try (NDArray scaled = weights.mul(1f - decay)) {
            shadow.muli(decay).addi(scaled);
        }
    }

    @Override
    public void close() {
        net.close();
    }

    /** Running sums between two reports. */
    private final class Window {
        private int steps;
        private double loss;
        private double answerLoss;
        private double haltLoss;
        private int halts;
        private double cellAcc;
        private int exact;
        private int haltRight;
        private long haltSteps;

        void losses(double l, double a, double h) {
            steps++;
            loss += l;
            answerLoss += a;
            haltLoss += h;
        }

        void halted(TrmBatch.Halt h) {
            halts++;
            cellAcc += h.cellAccuracy();
            exact += h.exact() ? 1 : 0;
            haltRight += h.haltCorrect() ? 1 : 0;
            haltSteps += h.steps();
        }

        Progress report() {
            double h = Math.max(1, halts);
            double lr = train.learningRate()
                    * Math.min(1.0, step / (double) Math.max(1, train.warmupSteps()));
            Progress p = new Progress(step, seconds, lr, loss / steps, answerLoss / steps,
                    haltLoss / steps, cellAcc / h, exact / h, haltRight / h, haltSteps / h,
                    batch.puzzlesSeen());
            steps = 0;
            loss = answerLoss = haltLoss = cellAcc = 0;
            halts = exact = haltRight = 0;
            haltSteps = 0;
            return p;
        }
    }
}
