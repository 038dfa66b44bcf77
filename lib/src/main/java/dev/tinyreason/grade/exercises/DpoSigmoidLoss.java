package dev.tinyreason.grade.exercises;

/**
 * Exercise (06_dpo): the original DPO loss of one pair (Rafailov et al. 2023, eq. 7) from
 * four sequence log-probabilities: the policy's and the reference's, of the chosen and the
 * rejected completion.
 *
 * <pre>
 * h    = (policyChosen − refChosen) − (policyRejected − refRejected)
 * loss = −log σ(β·h)
 * </pre>
 * Compute {@code −log σ(x)} without overflow: {@code log(1 + e^{−x})} overflows for
 * {@code x = −1000}; use {@code max(−x, 0) + log(1 + e^{−|x|})}. {@code beta} must be positive
 * ({@link IllegalArgumentException} otherwise).
 *
 * <p>Worked example: {@code loss(−10, −12, −11, −11.5, 0.1)}: h = 1 − (−0.5) = 1.5, loss =
 * −log σ(0.15) = 0.6201.
 */
@FunctionalInterface
public interface DpoSigmoidLoss {

    double loss(double policyChosen, double policyRejected, double refChosen,
            double refRejected, double beta);

    /** The reference: the library's loss. */
    DpoSigmoidLoss REFERENCE = (pc, pr, rc, rr, beta) -> dev.tinyreason.train.dpo.DpoLoss.SIGMOID
            .compute(new double[] {pc}, new double[] {pr}, new double[] {rc}, new double[] {rr},
                    beta).losses()[0];

    /** The starter stub in the notebook. */
    DpoSigmoidLoss STUB = (pc, pr, rc, rr, beta) -> 0.0;
}
