package dev.tinyreason.train.sft;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.tinyreason.tasks.Example;
import dev.tinyreason.tasks.Tasks;
import org.junit.jupiter.api.Test;

/** The pretraining text format and reading an answer back from it. */
class CorpusTest {

    @Test
    void theAnswerOfAPretrainingTextIsTheExamplesAnswer() {
        for (String task : new String[] {"arith", "word", "countdown"}) {
            for (int i = 0; i < 20; i++) {
                Example e = Tasks.named(task).example(i);
                assertEquals(e.answer(), Corpus.pretrainAnswer(Corpus.pretrainText(e)), task + " " + i);
            }
        }
    }

    @Test
    void theLastAnswerLineCountsAndNoneIsNull() {
        assertEquals("12", Corpus.pretrainAnswer("1+2\nAnswer: 3\nAnswer:  12 \nmore text"));
        assertNull(Corpus.pretrainAnswer("1+2\n1+2=3"));
        assertNull(Corpus.pretrainAnswer("Answer: \n"));
        assertNull(Corpus.pretrainAnswer(null));
    }
}
