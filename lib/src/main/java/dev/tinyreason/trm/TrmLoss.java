package dev.tinyreason.trm;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Activation;

/**
 * The loss after one supervision step (paper, Figure 3): cross-entropy of the answer logits
 * against the solution, plus {@code qWeight} times the binary cross-entropy of the halting logit
 * against "is the whole predicted board correct".
 *
 * @param total  answer + qWeight * halt, the scalar to differentiate
 * @param answer mean cross-entropy per cell
 * @param halt   mean halting BCE per puzzle (null for a baseline without halting head)
 */
public record TrmLoss(NDArray total, NDArray answer, NDArray halt) {

    /**
     * @param out     the network's logits (B, L, K) and halting logits (B)
     * @param labels  (B, L) int, the solution's digit minus one
     * @param correct (B) float, 1 where the argmax answer equals the solution
     * @param qWeight weight of the halting loss (paper: 0.5)
     */
    public static TrmLoss of(TrmNetwork.Output out, NDArray labels, NDArray correct,
            float qWeight) {
        int digits = (int) out.logits().getShape().get(2);
        NDArray logp = out.logits().logSoftmax(2);                     // (B, L, K)
        NDArray answer = logp.mul(labels.oneHot(digits)).sum(new int[] {2}).mean().neg();
        if (out.qHalt() == null) {
            return new TrmLoss(answer, answer, null);
        }
        // BCE with logits, stable form: softplus(q) - q * target.
        NDArray q = out.qHalt();
        NDArray halt = Activation.softPlus(q).sub(q.mul(correct)).mean();
        // The weight as an array of this step, alive until backward (see TrmNetwork on scalars).
        NDArray weight = correct.getManager().create(qWeight);
        return new TrmLoss(answer.add(halt.mul(weight)), answer, halt);
    }
}
