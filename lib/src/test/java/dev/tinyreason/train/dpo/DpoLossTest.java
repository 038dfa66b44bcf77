package dev.tinyreason.train.dpo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.Gson;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.tinyreason.model.PythonPeer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The four DPO losses against hand-computed values and against PyTorch (TRL's formulas). */
class DpoLossTest {

    static final double[] PC = {-10.0, -4.5, -30.0, -2.0, -60.0};
    static final double[] PR = {-12.0, -4.0, -25.0, -9.0, -61.5};
    static final double[] RC = {-11.0, -4.0, -29.0, -3.0, -58.0};
    static final double[] RR = {-11.5, -4.2, -26.0, -5.0, -62.0};
    /** Token log-probs of each chosen completion; they sum to PC. */
    static final double[][] PC_TOKENS = {{-4.0, -6.0}, {-1.5, -1.0, -2.0}, {-30.0}, {-0.5, -0.5, -0.5, -0.5},
        {-20.0, -25.0, -15.0}};
    static final double RPO_ALPHA = 0.7;

    @Test
    void sigmoidMatchesTheFormulaByHand() {
        // h = (-10 + 12) - (-11 + 11.5) = 1.5; beta h = 0.15; -log sigma(0.15)
        DpoLoss.Values v = DpoLoss.SIGMOID.compute(new double[] {-10}, new double[] {-12},
                new double[] {-11}, new double[] {-11.5}, 0.1);
        assertEquals(Math.log1p(Math.exp(-0.15)), v.loss(), 1e-12);
        assertEquals(0.1, v.chosenRewards()[0], 1e-12);
        assertEquals(-0.05, v.rejectedRewards()[0], 1e-12);
        assertEquals(0.15, v.margin(), 1e-12);
        assertEquals(1.0, v.accuracy());
    }

    @Test
    void everyLossAgreesWithPyTorch() throws Exception {
        double beta = 0.1;
        JsonObject peer = peer(beta);
        for (DpoLoss loss : DpoLoss.values()) {
            DpoLoss.Values v = loss.compute(PC, PR, RC, RR, beta);
            JsonObject want = peer.getAsJsonObject(loss.name().toLowerCase(Locale.ROOT));
            assertClose(want.getAsJsonArray("losses"), v.losses(), loss + " losses");
            assertClose(want.getAsJsonArray("chosen_rewards"), v.chosenRewards(),
                    loss + " chosen rewards");
            assertClose(want.getAsJsonArray("rejected_rewards"), v.rejectedRewards(),
                    loss + " rejected rewards");
            long tokens = java.util.Arrays.stream(PC_TOKENS).mapToLong(t -> t.length).sum();
            assertEquals(want.get("rpo_total").getAsDouble(), DpoLoss.withNll(v.losses(), PC, tokens, RPO_ALPHA),
                    1e-6, loss + " with rpo_alpha");
            assertEquals(v.loss(), DpoLoss.withNll(v.losses(), PC, tokens, 0), 1e-12, "alpha 0: plain " + loss);
        }
    }

    /** rpo_alpha by hand: (0.5 + 0.7) / 2 + 2 × (10 + 4) / 7 = 4.6. */
    @Test
    void rpoAddsTheChosenSidesNllPerToken() {
        assertEquals(0.6 + 2 * 14.0 / 7, DpoLoss.withNll(new double[] {0.5, 0.7}, new double[] {-10, -4}, 7, 2),
                1e-9);
        assertThrows(IllegalArgumentException.class,
                () -> DpoLoss.withNll(new double[] {0.5}, new double[] {-1}, 0, 1));
        assertThrows(IllegalArgumentException.class, () -> DpoTrainer.Config.recipe(10).withRpoAlpha(-1));
    }

    @Test
    void largeMarginsStayFinite() {
        DpoLoss.Values v = DpoLoss.SIGMOID.compute(new double[] {0}, new double[] {-1e4},
                new double[] {0}, new double[] {0}, 1.0);
        assertEquals(0, v.loss(), 1e-12, "a huge margin: no loss, no overflow");
        DpoLoss.Values w = DpoLoss.SIGMOID.compute(new double[] {-1e4}, new double[] {0},
                new double[] {0}, new double[] {0}, 1.0);
        assertEquals(1e4, w.loss(), 1e-6, "a huge wrong margin: -log sigma(-1e4) = 1e4");
    }

    @Test
    void badInputIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> DpoLoss.SIGMOID.compute(
                new double[] {1}, new double[] {1}, new double[] {1}, new double[] {1}, 0));
        assertThrows(IllegalArgumentException.class, () -> DpoLoss.SIGMOID.compute(
                new double[] {1, 2}, new double[] {1}, new double[] {1}, new double[] {1}, 0.1));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> DpoLoss.named("kto"));
        assertTrue(e.getMessage().contains("apo_zero"), e.getMessage());
        assertEquals(DpoLoss.APO_ZERO, DpoLoss.named("apo_zero"));
    }

    private static void assertClose(JsonArray want, double[] got, String what) {
        assertEquals(want.size(), got.length, what);
        for (int i = 0; i < got.length; i++) {
            assertEquals(want.get(i).getAsDouble(), got[i], 1e-6, what + " [" + i + "]");
        }
    }

    /** Runs lib/src/test/python/dpo_peer.py in the project's .venv. */
    private static JsonObject peer(double beta) throws Exception {
        Path tmp = Files.createTempDirectory("dpo-peer");
        Path in = tmp.resolve("in.json");
        Path out = tmp.resolve("out.json");
        Files.writeString(in, new Gson().toJson(Map.of("beta", beta, "policy_chosen", PC,
                "policy_rejected", PR, "ref_chosen", RC, "ref_rejected", RR, "rpo_alpha", RPO_ALPHA,
                "chosen_token_logps", PC_TOKENS)));
        PythonPeer.runScript("lib/src/test/python/dpo_peer.py",
                List.of(in.toString(), out.toString()));
        return JsonParser.parseString(Files.readString(out)).getAsJsonObject();
    }
}
