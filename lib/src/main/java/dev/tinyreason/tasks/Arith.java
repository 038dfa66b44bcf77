package dev.tinyreason.tasks;

import java.math.BigInteger;
import java.util.ArrayList;
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
 * in 0), then their column sum, separated by {@code " ; "}. The longest trace, at 3d * 2d, stays
 * under 200 characters.
 *
 * <p><b>Prompt</b> {@code "What is 47 + 38?"} ({@code -} and {@code *} for the others; the longer
 * factor first). <b>Answer</b> a plain integer, e.g. {@code "85"}; the verifier accepts exactly
 * an optional minus and digits, so {@code "085"} is correct, {@code "85."} and
 * {@code "85 apples"} are not answers. <b>Canonical form</b>: {@code 38+47} (sorted for
 * {@code +} and {@code *}), {@code 43-18}.
 */
public final class Arith implements GeneratedTask {

    public static final String NAME = "arith";
    public static final String VERSION = "1";

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
        return new Example(prompt, Long.toString(apply(a, op, b)), trace(a, op, b),
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

    private static long apply(long a, char op, long b) {
        return switch (op) {
            case '+' -> a + b;
            case '-' -> a - b;
            default -> a * b;
        };
    }

    /**
     * The column-by-column trace of {@code a op b} (see the class comment), for non-negative
     * operands, {@code a >= b} for {@code -}, and a multiplier {@code b < 100} for {@code *}.
     */
    public static String trace(long a, char op, long b) {
        if (a < 0 || b < 0) {
            throw new IllegalArgumentException("traces are for non-negative numbers, got " + a + " " + op + " " + b);
        }
        return switch (op) {
            case '+' -> String.join(" | ", addColumns(a, b)) + " | " + (a + b);
            case '-' -> {
                if (a < b) {
                    throw new IllegalArgumentException("a - b needs a >= b (answers are never negative), got "
                            + a + " - " + b);
                }
                yield String.join(" | ", subColumns(a, b)) + " | " + (a - b);
            }
            case '*' -> {
                if (b >= 100) {
                    throw new IllegalArgumentException("the multiplier must have at most 2 digits, got " + b
                            + "; put the longer factor first");
                }
                if (b < 10) {
                    yield String.join(" | ", mulColumns(a, b)) + " | " + (a * b);
                }
                long ones = a * (b % 10);
                long tens = a * (b / 10) * 10;
                yield String.join(" | ", mulColumns(a, b % 10)) + " | " + ones
                        + " ; " + String.join(" | ", mulColumns(a, b / 10)) + " | " + tens
                        + " ; " + String.join(" | ", addColumns(ones, tens)) + " | " + (ones + tens);
            }
            default -> throw new IllegalArgumentException("op must be +, - or *, got '" + op + "'");
        };
    }

    /** {@code 7+8=15 c1}, {@code 4+3+1=8}: digit plus digit plus carry, and the carry out. */
    static List<String> addColumns(long a, long b) {
        List<String> cols = new ArrayList<>();
        int carry = 0;
        for (int i = 0; i < Math.max(digits(a), digits(b)); i++) {
            int x = digit(a, i);
            int y = digit(b, i);
            int s = x + y + carry;
            cols.add(x + "+" + y + (carry > 0 ? "+1" : "") + "=" + s + (s >= 10 ? " c1" : ""));
            carry = s / 10;
        }
        return cols;
    }

    /** {@code 13-8=5 b1}, {@code 4-1-1=2}: borrow ten when the column would go negative. */
    static List<String> subColumns(long a, long b) {
        List<String> cols = new ArrayList<>();
        int borrow = 0;
        for (int i = 0; i < digits(a); i++) {
            int x = digit(a, i);
            int y = digit(b, i);
            int v = x - y - borrow;
            String rhs = "-" + y + (borrow > 0 ? "-1" : "");
            if (v >= 0) {
                cols.add(x + rhs + "=" + v);
                borrow = 0;
            } else {
                cols.add("1" + x + rhs + "=" + (v + 10) + " b1");
                borrow = 1;
            }
        }
        return cols;
    }

    /** {@code 7*8=56 c5}, {@code 4*8+5=37 c3}: digit times the one-digit multiplier plus carry. */
    static List<String> mulColumns(long a, long m) {
        List<String> cols = new ArrayList<>();
        long carry = 0;
        for (int i = 0; i < digits(a); i++) {
            int x = digit(a, i);
            long p = x * m + carry;
            cols.add(x + "*" + m + (carry > 0 ? "+" + carry : "") + "=" + p + (p >= 10 ? " c" + p / 10 : ""));
            carry = p / 10;
        }
        return cols;
    }

    private static int digits(long n) {
        return Long.toString(n).length();
    }

    private static int digit(long n, int i) {
        return (int) (n / pow10(i) % 10);
    }

    private static long pow10(int k) {
        long p = 1;
        for (int i = 0; i < k; i++) {
            p *= 10;
        }
        return p;
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
