package dev.tinyreason.grade.exercises;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.tinyreason.grade.Hint;
import dev.tinyreason.grade.Submission;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/** Tests for {@link DpoSigmoidLoss}; run by the grader against any implementation. */
@ExtendWith(Submission.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
public class DpoSigmoidLossTests {

    @Test
    @Order(1)
    @Hint("h = (policyChosen - refChosen) - (policyRejected - refRejected); loss = -log σ(β h).")
    void matchesTheWorkedExample(DpoSigmoidLoss impl) {
        assertEquals(Math.log1p(Math.exp(-0.15)), impl.loss(-10, -12, -11, -11.5, 0.1), 1e-9,
                "loss(-10, -12, -11, -11.5, 0.1)");
    }

    @Test
    @Order(2)
    @Hint("When the policy equals the reference, h = 0 and the loss is log 2.")
    void policyEqualToReferenceGivesLog2(DpoSigmoidLoss impl) {
        assertEquals(Math.log(2), impl.loss(-7, -9, -7, -9, 0.1), 1e-9, "policy = reference");
    }

    @Test
    @Order(3)
    @Hint("Preferring the rejected side costs more: the loss grows with -h.")
    void theWrongPreferenceCostsMore(DpoSigmoidLoss impl) {
        double right = impl.loss(-5, -9, -6, -6, 0.5);
        double wrong = impl.loss(-9, -5, -6, -6, 0.5);
        assertEquals(Math.log1p(Math.exp(-2)), right, 1e-9, "h = 4, beta 0.5");
        assertEquals(Math.log1p(Math.exp(2)), wrong, 1e-9, "h = -4, beta 0.5");
    }

    @Test
    @Order(4)
    @Hint("-log σ(x) = max(-x, 0) + log(1 + exp(-|x|)): no overflow at x = -1000.")
    void hugeMarginsStayFinite(DpoSigmoidLoss impl) {
        assertEquals(1000, impl.loss(-2000, 0, 0, 0, 0.5), 1e-6, "beta h = -1000");
        assertEquals(Math.log1p(Math.exp(-1000)) + 1, impl.loss(0, -2000, 0, 0, 0.5) + 1,
                1e-9, "beta h = 1000: the loss is (almost) 0, not NaN");
    }

    @Test
    @Order(5)
    @Hint("beta must be positive: throw IllegalArgumentException for 0 or less.")
    void rejectsANonPositiveBeta(DpoSigmoidLoss impl) {
        assertThrows(IllegalArgumentException.class, () -> impl.loss(-1, -2, -1, -2, 0),
                "beta = 0");
    }
}
