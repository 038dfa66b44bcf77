package dev.tinyreason.grade.exercises;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tinyreason.grade.Hint;
import dev.tinyreason.grade.Submission;
import java.util.Random;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/** Tests for {@link TokenKl}; run by the grader against any implementation. */
@ExtendWith(Submission.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
public class TokenKlTests {

    @Test
    @Order(1)
    @Hint("log p_i = logit_i - log Σ_j exp(logit_j); KL = Σ_i p_i (log p_i - log q_i).")
    void matchesTheWorkedExample(TokenKl impl) {
        float ln3 = (float) Math.log(3);
        assertEquals(0.5 * Math.log(4.0 / 3), impl.kl(new float[] {0, 0}, new float[] {ln3, 0}),
                1e-6);
    }

    @Test
    @Order(2)
    @Hint("Adding one number to every logit leaves the softmax unchanged, so KL is 0; KL is "
            + "not symmetric: KL(p‖q) and KL(q‖p) differ.")
    void shiftsAreFreeAndOrderMatters(TokenKl impl) {
        float[] a = {1.5f, -0.5f, 2f, 0f};
        float[] shifted = {11.5f, 9.5f, 12f, 10f};
        assertEquals(0, impl.kl(a, shifted), 1e-9, "the same distribution");
        float[] b = {0f, 0f, 0f, 3f};
        double ab = impl.kl(a, b);
        double ba = impl.kl(b, a);
        assertTrue(ab > 0 && ba > 0, "different distributions: " + ab + ", " + ba);
        assertTrue(Math.abs(ab - ba) > 1e-3, "KL is asymmetric: " + ab + " vs " + ba);
        assertEquals(TokenKl.REFERENCE.kl(a, b), ab, 1e-9);
    }

    @Test
    @Order(3)
    @Hint("exp(1000) overflows a double: subtract the largest logit before exp.")
    void largeLogitsStayFinite(TokenKl impl) {
        Random rng = new Random(4);
        float[] p = new float[666];
        float[] q = new float[666];
        for (int i = 0; i < p.length; i++) {
            p[i] = 1000 + (float) rng.nextGaussian() * 3;
            q[i] = p[i] + (float) rng.nextGaussian() * 0.1f;
        }
        double kl = impl.kl(p, q);
        assertTrue(Double.isFinite(kl) && kl >= 0, "KL " + kl);
        assertEquals(TokenKl.REFERENCE.kl(p, q), kl, 1e-6);
    }

    @Test
    @Order(4)
    @Hint("Check the lengths first: two distributions over one vocabulary.")
    void differentVocabulariesAreRejected(TokenKl impl) {
        assertThrows(IllegalArgumentException.class,
                () -> impl.kl(new float[] {0, 1}, new float[] {0, 1, 2}));
    }
}
