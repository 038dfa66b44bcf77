package dev.tinyreason.viz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tinyreason.train.MetricLog;
import dev.tinyreason.train.dpo.PreferenceDataset;
import dev.tinyreason.train.grpo.GrpoTrainer;
import org.junit.jupiter.api.Test;

class SourceTest {

    @Test
    void aMethodFromItsDocCommentToItsClosingBrace() {
        String code = Source.method(MetricLog.class, "ema").text();
        String[] lines = code.split("\n");
        assertTrue(lines[0].startsWith("// dev/tinyreason/train/MetricLog.java, lines "), lines[0]);
        assertEquals("/**", lines[1], "the doc comment comes first, un-indented");
        assertTrue(code.contains("public static double[] ema(double[] series, double decay) {"),
                code);
        assertTrue(code.contains("if (!(decay >= 0 && decay < 1)) {"), code);
        assertEquals("}", lines[lines.length - 1], "it ends at the method's own closing brace");
        assertEquals(1, code.split("public static").length - 1, "one method, not the next one");
    }

    @Test
    void nestedTypesAreReadFromTheirFileAndHtmlIsEscaped() {
        Html shown = Source.method(GrpoTrainer.Config.class, "dapo");
        assertTrue(shown.text().contains("return new Config(8, 4, 256"), shown.text());
        assertTrue(shown.html().contains("GrpoTrainer.java"), shown.html());
        assertTrue(shown.html().contains("<code class=\"language-java\">"), shown.html());
        // a brace inside a string literal does not end the body early
        String withBraces = Source.method(Source.class, "end").text();
        assertTrue(withBraces.contains("throw new IllegalStateException(\"Unbalanced braces"),
                withBraces);
    }

    @Test
    void anOverloadIsPickedByTheStartOfItsParameters() {
        String one = Source.method(PreferenceDataset.class, "pairs(Samples s").text();
        assertTrue(one.contains("public static List<PreferencePair> pairs(Samples s, Mix mix) {"),
                one);
        String first = Source.method(PreferenceDataset.class, "pairs").text();
        assertTrue(first.contains("pairs(List<Samples> samples) {"), first);
        var e = assertThrows(IllegalArgumentException.class,
                () -> Source.method(PreferenceDataset.class, "pairs(int"));
        assertTrue(e.getMessage().contains("'pairs(int'"), e.getMessage());
    }

    @Test
    void anUnknownNameListsTheNamesThereAre() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> Source.method(MetricLog.class, "smooth"));
        assertTrue(e.getMessage().contains("declares no method 'smooth'")
                && e.getMessage().contains("ema"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Source.method(MetricLog.class, "a b"));
    }
}
