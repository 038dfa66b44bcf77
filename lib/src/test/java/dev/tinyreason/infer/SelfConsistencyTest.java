package dev.tinyreason.infer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The majority vote and its documented tie rule: earliest first seen wins. */
class SelfConsistencyTest {

    @Test
    void majorityWins() {
        assertEquals("42", SelfConsistency.vote(List.of("41", "42", "42", "7")));
    }

    @Test
    void tieGoesToTheAnswerSeenFirst() {
        assertEquals("7", SelfConsistency.vote(List.of("7", "5", "5", "7")));
        assertEquals("5", SelfConsistency.vote(List.of("5", "7", "7", "5")));
        assertEquals("3", SelfConsistency.vote(List.of("3", "1", "2")));
    }

    @Test
    void unparsedSamplesDoNotVote() {
        assertEquals("9", SelfConsistency.vote(Arrays.asList(null, "9", " ", null)));
        assertNull(SelfConsistency.vote(Arrays.asList(null, null)));
        assertNull(SelfConsistency.vote(List.of()));
    }

    @Test
    void answersAreComparedStripped() {
        Map<String, Integer> t = SelfConsistency.tally(List.of(" 12", "12 ", "13"));
        assertEquals(Map.of("12", 2, "13", 1), t);
        assertEquals(List.of("12", "13"), List.copyOf(t.keySet()));
    }
}
