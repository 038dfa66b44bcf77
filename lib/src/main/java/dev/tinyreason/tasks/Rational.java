package dev.tinyreason.tasks;

/**
 * An exact fraction {@code num/den} in lowest terms with {@code den > 0}: Game of 24 needs
 * {@code 8/(3-8/3) = 24}, which floating point gets only approximately.
 *
 * <p>Arithmetic is exact or fails: overflow of {@code long} and division by zero throw
 * {@link ArithmeticException}, which the verifiers turn into a verdict. Printed as {@code "7"} or
 * {@code "8/3"}.
 */
public record Rational(long num, long den) implements Comparable<Rational> {

    public static final Rational ZERO = new Rational(0, 1);

    public Rational {
        if (den == 0) {
            throw new ArithmeticException("a rational needs a non-zero denominator, got " + num + "/0");
        }
        if (den < 0) {
            num = Math.negateExact(num);
            den = Math.negateExact(den);
        }
        long g = gcd(Math.absExact(num), den);
        if (g > 1) {
            num /= g;
            den /= g;
        }
    }

    public static Rational of(long n) {
        return new Rational(n, 1);
    }

    /**
     * Parses {@code "7"}, {@code "-3"} or {@code "8/3"}; null if {@code text} is none of these
     * (or does not fit in a {@code long}, or has a zero denominator).
     */
    public static Rational parse(String text) {
        if (text == null || text.isEmpty() || text.length() > 40) {
            return null;
        }
        int slash = text.indexOf('/');
        try {
            if (slash < 0) {
                return of(parseLong(text));
            }
            long d = parseLong(text.substring(slash + 1));
            if (d <= 0) {
                return null;
            }
            return new Rational(parseLong(text.substring(0, slash)), d);
        } catch (NumberFormatException | ArithmeticException e) {
            return null;
        }
    }

    private static long parseLong(String s) {
        if (s.startsWith("+")) {
            throw new NumberFormatException("no plus signs: " + s);
        }
        return Long.parseLong(s);
    }

    public Rational plus(Rational o) {
        return new Rational(Math.addExact(Math.multiplyExact(num, o.den), Math.multiplyExact(o.num, den)),
                Math.multiplyExact(den, o.den));
    }

    public Rational minus(Rational o) {
        return plus(new Rational(Math.negateExact(o.num), o.den));
    }

    public Rational times(Rational o) {
        return new Rational(Math.multiplyExact(num, o.num), Math.multiplyExact(den, o.den));
    }

    /** {@code this / o}; throws {@link ArithmeticException} when {@code o} is zero. */
    public Rational dividedBy(Rational o) {
        if (o.num == 0) {
            throw new ArithmeticException("division by zero");
        }
        return new Rational(Math.multiplyExact(num, o.den), Math.multiplyExact(den, o.num));
    }

    /** {@code this op o} for {@code op} in {@code + - * /}. */
    public Rational apply(char op, Rational o) {
        return switch (op) {
            case '+' -> plus(o);
            case '-' -> minus(o);
            case '*' -> times(o);
            case '/' -> dividedBy(o);
            default -> throw new IllegalArgumentException("op must be one of + - * /, got '" + op + "'");
        };
    }

    public boolean isInteger() {
        return den == 1;
    }

    public int signum() {
        return Long.signum(num);
    }

    /** |this − o|, for ordering candidates by how close they get to a target. */
    public Rational distance(Rational o) {
        Rational d = minus(o);
        return d.signum() < 0 ? new Rational(Math.negateExact(d.num), d.den) : d;
    }

    @Override
    public int compareTo(Rational o) {
        return Long.compare(Math.multiplyExact(num, o.den), Math.multiplyExact(o.num, den));
    }

    @Override
    public String toString() {
        return den == 1 ? Long.toString(num) : num + "/" + den;
    }

    private static long gcd(long a, long b) {
        while (b != 0) {
            long t = a % b;
            a = b;
            b = t;
        }
        return a;
    }
}
