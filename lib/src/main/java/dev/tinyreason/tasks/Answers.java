package dev.tinyreason.tasks;

import java.math.BigInteger;
import java.util.Optional;
import java.util.regex.Pattern;

/** Reading integer answers, shared by the tasks whose answer is a number. */
final class Answers {

    /** Longest integer answer read; longer text is not an answer (and BigInteger stays cheap). */
    static final int MAX_INTEGER_CHARS = 30;

    private static final Pattern INTEGER = Pattern.compile("-?[0-9]+");

    private Answers() {}

    /** {@code text} as an integer if it is one: optional minus, digits, nothing else. */
    static Optional<BigInteger> integer(String text) {
        if (text == null || text.length() > MAX_INTEGER_CHARS || !INTEGER.matcher(text).matches()) {
            return Optional.empty();
        }
        return Optional.of(new BigInteger(text));
    }

    /** The reference answer of {@code example} as an integer; a malformed example is an error. */
    static BigInteger reference(Example example) {
        return integer(example.answer().strip()).orElseThrow(() -> new IllegalArgumentException(
                example.task() + " example has answer '" + example.answer() + "', which is not an integer; "
                        + "fix the answer field of: " + example.prompt()));
    }

    /** The verdict for a task whose answer is an integer equal to the reference. */
    static Verdict verifyInteger(Example example, String completion) {
        return verifyInteger(reference(example), completion);
    }

    /** The verdict for an integer answer that should equal {@code want}. */
    static Verdict verifyInteger(BigInteger want, String completion) {
        Reply c = Reply.parse(completion);
        Optional<BigInteger> got = integer(c.answer());
        if (got.isEmpty()) {
            return Verdict.NO_ANSWER;
        }
        return got.get().equals(want) ? Verdict.CORRECT : Verdict.WRONG;
    }
}
