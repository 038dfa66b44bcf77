package dev.tinyreason.tasks;

import java.util.ArrayList;
import java.util.List;

/**
 * An arithmetic expression over whole numbers with {@code + - * /} and parentheses, such as
 * {@code (8-4)*(7-1)}: the answer format of {@link Countdown} and {@link Game24}.
 *
 * <p>{@link #parse} is total: it returns null for anything that is not an expression (letters,
 * unbalanced parentheses, a leading minus, numbers of more than 9 digits, more than
 * {@link #MAX_CHARS} characters or more than {@link #MAX_DEPTH} nested parentheses, which also
 * keeps the recursive parser's stack small). Spaces between tokens are ignored; inside a number
 * they are not ({@code "3 4"} is not an expression).
 *
 * <p>{@link #toString()} writes the fewest parentheses that keep the meaning:
 * {@code 5*9-3}, {@code (8-4)*(7-1)}, {@code 8/(3-8/3)}.
 *
 * @param op {@code + - * /} for an operation, {@code 0} for a number
 * @param number the number, for a leaf
 */
public record Expression(char op, Expression left, Expression right, long number) {

    public static final int MAX_CHARS = 200;
    public static final int MAX_DEPTH = 30;

    public static Expression number(long n) {
        return new Expression((char) 0, null, null, n);
    }

    public static Expression of(Expression left, char op, Expression right) {
        if ("+-*/".indexOf(op) < 0 || left == null || right == null) {
            throw new IllegalArgumentException("an operation needs two operands and one of + - * /, got '" + op + "'");
        }
        return new Expression(op, left, right, 0);
    }

    public boolean isNumber() {
        return op == 0;
    }

    /** The expression in {@code text}, or null if there is none (see the class comment). */
    public static Expression parse(String text) {
        if (text == null || text.length() > MAX_CHARS) {
            return null;
        }
        Parser p = new Parser(text);
        Expression e = p.sum(0);
        p.skipSpaces();
        return e != null && p.at == p.s.length() ? e : null;
    }

    /** The numbers written in the expression, left to right. */
    public List<Long> numbers() {
        List<Long> out = new ArrayList<>();
        collect(out);
        return out;
    }

    private void collect(List<Long> out) {
        if (isNumber()) {
            out.add(number);
        } else {
            left.collect(out);
            right.collect(out);
        }
    }

    /** The exact value, or null when it divides by zero (or leaves {@code long} range). */
    public Rational value() {
        return valueUnder(null);
    }

    /**
     * The exact value, or null when any operation gives a result {@code rules} forbids
     * ({@link Rules#allows}), divides by zero or overflows. With {@code rules == null} every
     * result is allowed.
     */
    public Rational valueUnder(Rules rules) {
        if (isNumber()) {
            return Rational.of(number);
        }
        Rational a = left.valueUnder(rules);
        Rational b = a == null ? null : right.valueUnder(rules);
        if (b == null) {
            return null;
        }
        try {
            Rational c = a.apply(op, b);
            return rules == null || rules.allows(c) ? c : null;
        } catch (ArithmeticException e) {
            return null;
        }
    }

    @Override
    public String toString() {
        if (isNumber()) {
            return Long.toString(number);
        }
        boolean leftParens = precedence(left.op) < precedence(op);
        boolean rightParens = precedence(right.op) < precedence(op)
                || precedence(right.op) == precedence(op) && (op == '-' || op == '/');
        return wrap(left, leftParens) + op + wrap(right, rightParens);
    }

    private static String wrap(Expression e, boolean parens) {
        return parens ? "(" + e + ")" : e.toString();
    }

    /** Numbers bind tightest, then {@code * /}, then {@code + -}. */
    private static int precedence(char op) {
        return op == 0 ? 3 : op == '*' || op == '/' ? 2 : 1;
    }

    /** Recursive descent: sum := product (('+'|'-') product)*, product := atom (('*'|'/') atom)*. */
    private static final class Parser {
        final String s;
        int at;

        Parser(String s) {
            this.s = s;
        }

        void skipSpaces() {
            while (at < s.length() && Character.isWhitespace(s.charAt(at))) {
                at++;
            }
        }

        /** The next character after spaces, or 0 at the end. */
        char peek() {
            skipSpaces();
            return at < s.length() ? s.charAt(at) : 0;
        }

        Expression sum(int depth) {
            Expression e = product(depth);
            while (e != null && (peek() == '+' || peek() == '-')) {
                char op = s.charAt(at++);
                Expression r = product(depth);
                e = r == null ? null : of(e, op, r);
            }
            return e;
        }

        Expression product(int depth) {
            Expression e = atom(depth);
            while (e != null && (peek() == '*' || peek() == '/')) {
                char op = s.charAt(at++);
                Expression r = atom(depth);
                e = r == null ? null : of(e, op, r);
            }
            return e;
        }

        Expression atom(int depth) {
            char c = peek();
            if (c == 0) {
                return null;
            }
            if (c == '(') {
                if (depth >= MAX_DEPTH) {
                    return null;
                }
                at++;
                Expression e = sum(depth + 1);
                if (e == null || peek() != ')') {
                    return null;
                }
                at++;
                return e;
            }
            int start = at;
            while (at < s.length() && s.charAt(at) >= '0' && s.charAt(at) <= '9') {
                at++;
            }
            if (at == start || at - start > 9) {
                return null;
            }
            return number(Long.parseLong(s.substring(start, at)));
        }
    }
}
