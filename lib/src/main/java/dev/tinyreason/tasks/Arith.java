package dev.tinyreason.tasks;

import java.math.BigInteger;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Multi-digit arithmetic whose trace works the way you learned it at school: column by column,
 * right to left, with carries and borrows; multiplication by partial products.
 *
 * <p><b>Difficulty</b> is the size of the numbers (the number of digit steps grows with it):
 * <pre>
 * d   a + b      a - b (a &gt;= b)   a * b
 * 1   1d + 1d    1d - 1d          1d * 1d
 * 2   2d + 2d    2d - 2d          2d * 1d
 * 3   3d + 3d    3d - 3d          3d * 1d
 * 4   4d + 4d    4d - 4d          2d * 2d
 * 5   5d + 5d    5d - 5d          3d * 2d
 * </pre>
 * "2d" is a two-digit number (10..99); one-digit numbers are 0..9, except a one-digit
 * multiplier of a longer number, which is 2..9. The operation is drawn uniformly.
 *
 * <p><b>Traces</b>: one step per column, separated by {@code " | "}, ending with the result.
 * {@code cK} is the carry into the next column, {@code b1} a borrow from it.
 * <pre>
 * 47 + 38   7+8=15 c1 | 4+3+1=8 | 85
 * 43 - 18   13-8=5 b1 | 4-1-1=2 | 25
 * 52 - 49   12-9=3 b1 | 5-4-1=0 | 3
 * 47 * 8    7*8=56 c5 | 4*8+5=37 c3 | 376
 * 47 * 38   7*8=56 c5 | 4*8+5=37 c3 | 376 ; 7*3=21 c2 | 4*3+2=14 c1 | 1410 ; 6+0=6 | 7+1=8 | 3+4=7 | 0+1=1 | 1786
 * </pre>
 * A two-digit multiplier gives two partial products (the second shifted one place, so it ends
 * in 0), then their column sum, separated by {@code " ; "}. This is the <em>canonical</em> trace
 * ({@link Path#COLUMNS}, all a {@link TraceVariety#NONE} generator writes).
 *
 * <p><b>Many paths.</b> With {@link TraceVariety#DEFAULT}, 55% of traces take the column method
 * and the rest another correct {@link Path} ({@link #paths} lists those that apply): the operands
 * swapped, subtraction by adding up, the tens partial product first, or the product the other
 * way round. About a third
 * end with a verification pass ({@code ... | 85 ; check 85-38: 15-8=7 b1 | 8-3-1=4 | 47 ok | 85}:
 * a sum checked by subtracting, a difference by adding back, a product by another path) and a
 * fifth restate the problem first ({@code 47+38 ; 7+8=15 c1 | ...}). Every variant ends with
 * the result, and every step is one {@link Equations} can check; {@link ArithTraces} writes them.
 *
 * <p><b>Prompt</b> {@code "What is 47 + 38?"} ({@code -} and {@code *} for the others; the longer
 * factor first). <b>Answer</b> a plain integer, e.g. {@code "85"}; the verifier accepts exactly
 * an optional minus and digits, so {@code "085"} is correct, {@code "85."} and
 * {@code "85 apples"} are not answers. <b>Canonical form</b>: {@code 38+47} (sorted for
 * {@code +} and {@code *}), {@code 43-18}.
 */
public final class Arith implements GeneratedTask {

    public static final String NAME = "arith";
    public static final String VERSION = "2";

    /**
     * The correct ways of working a problem that traces draw from ({@link TraceVariety}). Every
     * step stays a one-digit column step that {@link Equations} can check: a path whose steps
     * add or take whole multi-digit numbers at once (place values: {@code 73336-30000=43336})
     * was tried and dropped, because it asks in one token for the multi-digit arithmetic that a
     * trace exists to avoid, and a tiny model trained on it wrote wrong sums there.
     */
    public enum Path {
        /** The school method, right to left: the canonical trace. */
        COLUMNS,
        /**
         * The same columns with the operands' roles swapped: {@code 8+7=15 c1 | 3+4+1=8 | 85};
         * for a one-digit multiplier, the multiplier first: {@code 8*7=56 c5 | 8*4+5=37 c3 | 376}.
         */
        SWAPPED,
        /** Subtraction by adding up: 18 + ? = 43, {@code 8+5=13 c1 | 1+2+1=4 | 25}. */
        ADD_UP,
        /** A two-digit multiplier's tens partial product first, then the ones. */
        TENS_FIRST,
        /** The product the other way round: the multiplier times each digit of the first factor. */
        DISTRIBUTE
    }

    private final TraceVariety variety;

    /** Arithmetic with the course's {@link TraceVariety#DEFAULT} mix of traces. */
    public Arith() {
        this(TraceVariety.DEFAULT);
    }

    public Arith(TraceVariety variety) {
        this.variety = java.util.Objects.requireNonNull(variety, "variety");
    }

    private static final Pattern PROMPT = Pattern.compile("What is ([0-9]+) ([-+*]) ([0-9]+)\\?");

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String version() {
        return VERSION;
    }

    @Override
    public int minDifficulty() {
        return 1;
    }

    @Override
    public int maxDifficulty() {
        return 5;
    }

    @Override
    public Example generate(int difficulty, long seed) {
        return generate(difficulty, seed, variety.rng(seed));
    }

    @Override
    public Example generate(int difficulty, long seed, Random traceRng) {
        if (difficulty < 1 || difficulty > 5) {
            throw new IllegalArgumentException("arith difficulty must be between 1 and 5 digits, got " + difficulty);
        }
        Random rng = new Random(seed);
        char op = "+-*".charAt(rng.nextInt(3));
        long a;
        long b;
        switch (op) {
            case '+' -> {
                a = number(rng, difficulty);
                b = number(rng, difficulty);
            }
            case '-' -> {
                long x = number(rng, difficulty);
                long y = number(rng, difficulty);
                a = Math.max(x, y);
                b = Math.min(x, y);
            }
            default -> {
                int factorDigits = difficulty <= 3 ? difficulty : difficulty - 2;
                a = number(rng, factorDigits);
                b = difficulty == 1 ? number(rng, 1) : difficulty <= 3 ? 2 + rng.nextInt(8) : number(rng, 2);
                if (difficulty == 4 && rng.nextBoolean()) {
                    long t = a; // 2d * 2d: either factor may come first
                    a = b;
                    b = t;
                }
            }
        }
        String prompt = "What is " + a + " " + op + " " + b + "?";
        return new Example(prompt, Long.toString(apply(a, op, b)), ArithTraces.trace(a, op, b, variety, traceRng),
                new Example.Meta(NAME, difficulty, VERSION, seed));
    }

    /** A number with exactly {@code digits} digits (0..9 for one digit). */
    private static long number(Random rng, int digits) {
        if (digits == 1) {
            return rng.nextInt(10);
        }
        long low = pow10(digits - 1);
        return low + (long) (rng.nextDouble() * 9 * low);
    }

    /** {@code a op b}: the answer a problem's prompt asks for. */
    static long apply(long a, char op, long b) {
        return switch (op) {
            case '+' -> a + b;
            case '-' -> a - b;
            default -> a * b;
        };
    }

    /**
     * The canonical column-by-column trace of {@code a op b} (see the class comment), for
     * non-negative operands, {@code a >= b} for {@code -}, and a multiplier {@code b < 100} for
     * {@code *}.
     */
    public static String trace(long a, char op, long b) {
        return trace(a, op, b, Path.COLUMNS);
    }

    /**
     * The correct ways to work {@code a op b} (see {@link Path}), the canonical one first.
     * <pre>
     * paths(47, '+', 38)   [COLUMNS, SWAPPED]
     * paths(43, '-', 18)   [COLUMNS, ADD_UP]
     * paths(347, '*', 8)   [COLUMNS, SWAPPED]
     * paths(347, '*', 38)  [COLUMNS, TENS_FIRST, DISTRIBUTE]
     * </pre>
     */
    public static List<Path> paths(long a, char op, long b) {
        return ArithTraces.paths(a, op, b);
    }

    /**
     * The trace of {@code a op b} along {@code path}, which must be one of {@link #paths}:
     * steps separated by {@code " | "}, parts by {@code " ; "}, ending with the result.
     */
    public static String trace(long a, char op, long b, Path path) {
        return ArithTraces.trace(a, op, b, path);
    }

    private static long pow10(int k) {
        return Columns.pow10(k);
    }

    @Override
    public String canonical(Example example) {
        Matcher m = PROMPT.matcher(example.prompt());
        if (!m.matches()) {
            throw new IllegalArgumentException("arith prompt must look like 'What is 47 + 38?', got '"
                    + example.prompt() + "'");
        }
        String a = m.group(1).replaceFirst("^0+(?=.)", "");
        String b = m.group(3).replaceFirst("^0+(?=.)", "");
        char op = m.group(2).charAt(0);
        if (op != '-' && (a.length() > b.length() || a.length() == b.length() && a.compareTo(b) > 0)) {
            String t = a;
            a = b;
            b = t;
        }
        return a + op + b;
    }

    @Override
    public boolean parses(String answer) {
        return Answers.integer(answer).isPresent();
    }

    /**
     * CORRECT when the answer equals the true result as an integer. The truth is computed from
     * the prompt, so a data file whose {@code answer} field is wrong is caught on reading
     * ({@link TaskData#read} checks that each reference answer verifies).
     * <pre>
     * "What is 47 + 38?"  "7+8=15 c1 | 4+3+1=8 | 85&lt;/think&gt;85"  CORRECT
     *                     "85"                                 CORRECT (a direct answer)
     *                     "&lt;think&gt;...&lt;/think&gt;86"                   WRONG
     *                     "&lt;think&gt;7+8=15 c1"                       NO_ANSWER (never closed)
     *                     "85!"                                NO_ANSWER
     * </pre>
     */
    @Override
    public Verdict verify(Example example, String completion) {
        Matcher m = PROMPT.matcher(example.prompt());
        if (!m.matches() || m.group(1).length() > 18 || m.group(3).length() > 18) {
            throw new IllegalArgumentException("arith prompt must look like 'What is 47 + 38?' with numbers of at "
                    + "most 18 digits, got '" + example.prompt() + "'");
        }
        BigInteger a = new BigInteger(m.group(1));
        BigInteger b = new BigInteger(m.group(3));
        BigInteger truth = switch (m.group(2)) {
            case "+" -> a.add(b);
            case "-" -> a.subtract(b);
            default -> a.multiply(b);
        };
        return Answers.verifyInteger(truth, completion);
    }
}
