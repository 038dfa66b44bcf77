package dev.tinyreason.tasks;

import dev.tinyreason.tasks.Arith.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * The worked traces of an arithmetic problem, column by column, along each {@link Path}, with
 * the optional restatement in front and verification pass behind. For {@code 47 + 38} and
 * {@code 47 * 38}:
 * <pre>
 * COLUMNS      7+8=15 c1 | 4+3+1=8 | 85
 * SWAPPED      8+7=15 c1 | 3+4+1=8 | 85
 * COLUMNS      7*8=56 c5 | 4*8+5=37 c3 | 376 ; 7*3=21 c2 | 4*3+2=14 c1 | 1410 ; 6+0=6 | 7+1=8 | 3+4=7 | 0+1=1 | 1786
 * TENS_FIRST   7*3=21 c2 | 4*3+2=14 c1 | 1410 ; 7*8=56 c5 | 4*8+5=37 c3 | 376 ; 0+6=6 | 1+7=8 | 4+3=7 | 1+0=1 | 1786
 * restate      47+38 ; 7+8=15 c1 | 4+3+1=8 | 85
 * check        7+8=15 c1 | 4+3+1=8 | 85 ; check 85-38: 15-8=7 b1 | 8-3-1=4 | 47 ok | 85
 * </pre>
 * Steps are separated by {@code " | "} and parts by {@code " ; "}; every step is a one-digit
 * column step from {@link Columns} that {@link Equations} can check, and every trace ends with
 * the result. {@link Arith}'s public {@code paths} and {@code trace} read from here.
 */
final class ArithTraces {

    private ArithTraces() {}

    /**
     * A trace of {@code a op b} drawn by {@code variety}: a path, maybe a restatement, maybe a
     * check (the sum by subtracting, the difference by adding back, the product by another path).
     * The draws come in that order from {@code rng}.
     */
    static String trace(long a, char op, long b, TraceVariety variety, Random rng) {
        List<Path> paths = paths(a, op, b);
        Path path = variety.path(rng, paths);
        boolean restate = variety.restate(rng);
        boolean check = variety.check(rng);
        long result = Arith.apply(a, op, b);
        String main = trace(a, op, b, path);
        if (check) {
            String verify = switch (op) {
                case '+' -> "check " + result + "-" + b + ": " + trace(result, '-', b, Path.COLUMNS) + " ok";
                case '-' -> "check " + result + "+" + b + ": " + trace(result, '+', b, Path.COLUMNS) + " ok";
                default -> "check " + a + "*" + b + ": "
                        + trace(a, op, b, path == Path.COLUMNS ? paths.get(1) : Path.COLUMNS) + " ok";
            };
            main = main + " ; " + verify + " | " + result;
        }
        return restate ? a + String.valueOf(op) + b + " ; " + main : main;
    }

    /** The paths that apply to {@code a op b}, the canonical one first ({@link Arith#paths}). */
    static List<Path> paths(long a, char op, long b) {
        checkOperands(a, op, b);
        List<Path> out = new ArrayList<>(List.of(Path.COLUMNS));
        switch (op) {
            case '+' -> out.add(Path.SWAPPED);
            case '-' -> out.add(Path.ADD_UP);
            default -> {
                if (b >= 10) {
                    out.add(Path.TENS_FIRST);
                    out.add(Path.DISTRIBUTE);
                } else {
                    out.add(Path.SWAPPED);
                }
            }
        }
        return out;
    }

    /** The trace of {@code a op b} along {@code path} ({@link Arith#trace(long, char, long, Path)}). */
    static String trace(long a, char op, long b, Path path) {
        if (!paths(a, op, b).contains(path)) {
            throw new IllegalArgumentException(path + " is not a way to work " + a + " " + op + " " + b
                    + "; use one of " + paths(a, op, b));
        }
        return switch (path) {
            case COLUMNS -> switch (op) {
                case '+' -> columns(Columns.add(a, b), a + b);
                case '-' -> columns(Columns.sub(a, b), a - b);
                default -> b < 10 ? columns(Columns.mul(a, b), a * b) : partials(a, b, false);
            };
            case SWAPPED -> op == '+' ? columns(Columns.add(b, a), a + b) : columns(Columns.mulBy(a, b), a * b);
            case ADD_UP -> columns(Columns.addUp(b, a), a - b);
            case TENS_FIRST -> partials(a, b, true);
            case DISTRIBUTE -> distribute(a, b);
        };
    }

    private static void checkOperands(long a, char op, long b) {
        if (a < 0 || b < 0) {
            throw new IllegalArgumentException("traces are for non-negative numbers, got " + a + " " + op + " " + b);
        }
        if ("+-*".indexOf(op) < 0) {
            throw new IllegalArgumentException("op must be +, - or *, got '" + op + "'");
        }
        if (op == '-' && a < b) {
            throw new IllegalArgumentException("a - b needs a >= b (answers are never negative), got " + a + " - " + b);
        }
        if (op == '*' && b >= 100) {
            throw new IllegalArgumentException("the multiplier must have at most 2 digits, got " + b
                    + "; put the longer factor first");
        }
    }

    private static String columns(List<String> steps, long result) {
        return String.join(" | ", steps) + " | " + result;
    }

    /** {@code a * b} for a two-digit b: a times the ones, a times the tens (shifted), their sum. */
    private static String partials(long a, long b, boolean tensFirst) {
        long ones = a * (b % 10);
        long tens = a * (b / 10) * 10;
        String o = columns(Columns.mul(a, b % 10), ones);
        String t = columns(Columns.mul(a, b / 10), tens);
        return (tensFirst ? t + " ; " + o : o + " ; " + t) + " ; "
                + (tensFirst ? columns(Columns.add(tens, ones), ones + tens) : columns(Columns.add(ones, tens), ones + tens));
    }

    /**
     * {@code a * b} the other way round: b times each digit of a (shifted), then the partial
     * products added up one at a time. {@code 47 * 38}: {@code 8*7=56 c5 | 3*7+5=26 c2 | 266 ;
     * 8*4=32 c3 | 3*4+3=15 c1 | 1520 ; 6+0=6 | 6+2=8 | 2+5=7 | 0+1=1 | 1786}.
     */
    private static String distribute(long a, long b) {
        List<String> parts = new ArrayList<>();
        long sum = -1;
        for (int i = 0; i < Columns.digits(a); i++) {
            int d = Columns.digit(a, i);
            if (d == 0) {
                continue;
            }
            long p = b * d * Columns.pow10(i);
            parts.add(columns(Columns.mul(b, d), p));
            if (sum >= 0) {
                parts.add(columns(Columns.add(sum, p), sum + p));
                sum += p;
            } else {
                sum = p;
            }
        }
        return String.join(" ; ", parts);
    }
}
