package dev.tinyreason.tasks;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One move in a number puzzle, in the Tree-of-Thoughts line format (Yao et al. 2023, Game of 24
 * "propose" prompt): {@code a op b = c (left: x y z)}, where {@code left} is the state after the
 * move, its numbers in ascending order.
 *
 * <pre>
 * Step.parse("13 - 9 = 4 (left: 4 4 10)")   // a=13 op='-' b=9 c=4 left=[4, 4, 10]
 * Step.parse("8 / 3 = 8/3 (left: 3 8 8/3)")  // fractions print as p/q
 * Step.parse("13 - 9 = 4")                  // null: the state is part of the format
 * </pre>
 *
 * Parsing is total (null for anything else) and lenient only about spaces, the order of the
 * numbers in {@code left}, and text after the closing parenthesis. Whether a parsed step is a
 * legal move is {@link CountdownSearch#isValid}'s question.
 */
public record Step(Rational a, char op, Rational b, Rational c, List<Rational> left) {

    private static final String NUM = "(-?[0-9]{1,12}(?:/[0-9]{1,12})?)";
    private static final Pattern LINE = Pattern.compile("\\s*" + NUM + "\\s*([-+*/])\\s*" + NUM + "\\s*=\\s*" + NUM
            + "\\s*\\(\\s*left:\\s*((?:-?[0-9/]{1,25}\\s*){0,8})\\).*", Pattern.DOTALL);
    private static final int MAX_LINE = 400;

    public Step {
        if (a == null || b == null || c == null || left == null || "+-*/".indexOf(op) < 0) {
            throw new IllegalArgumentException("a step needs a, op (one of + - * /), b, c and left; got "
                    + a + " " + op + " " + b + " = " + c + " (left: " + left + ")");
        }
        List<Rational> sorted = new ArrayList<>(left);
        Collections.sort(sorted);
        left = List.copyOf(sorted);
    }

    /** The step in {@code line}, or null if the line is not one (see the class comment). */
    public static Step parse(String line) {
        if (line == null || line.length() > MAX_LINE) {
            return null;
        }
        Matcher m = LINE.matcher(line);
        if (!m.matches()) {
            return null;
        }
        Rational a = Rational.parse(m.group(1));
        Rational b = Rational.parse(m.group(3));
        Rational c = Rational.parse(m.group(4));
        List<Rational> left = new ArrayList<>();
        for (String token : m.group(5).trim().split("\\s+")) {
            if (!token.isEmpty()) {
                Rational r = Rational.parse(token);
                if (r == null) {
                    return null;
                }
                left.add(r);
            }
        }
        if (a == null || b == null || c == null || left.isEmpty()) {
            return null;
        }
        return new Step(a, m.group(2).charAt(0), b, c, left);
    }

    /** {@code "13 - 9 = 4 (left: 4 4 10)"}. */
    @Override
    public String toString() {
        return a + " " + op + " " + b + " = " + c + " (left: " + join(left) + ")";
    }

    /** Numbers separated by single spaces: {@code "3 7 45"}. */
    public static String join(List<Rational> numbers) {
        StringBuilder sb = new StringBuilder();
        for (Rational r : numbers) {
            if (sb.length() > 0) {
                sb.append(' ');
            }
            sb.append(r);
        }
        return sb.toString();
    }
}
