package dev.tinyreason.viz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** A trace rendered with its steps marked. */
class TracesTest {

    @Test
    void marksTheFalseStepWithItsTrueValue() {
        Html h = Traces.html("7+7=14 c1 | 6+4+1=12 c1 | 124 <b>");
        assertEquals("7+7=14 c1 | 6+4+1=12 [is 11] c1 | 124 <b>", h.text());
        assertTrue(h.html().contains("#fbd5d5"), h.html());
        assertTrue(h.html().contains("&lt;b&gt;"), "the rest of the text is escaped");
        assertEquals("", Traces.html(null).text());
    }
}
