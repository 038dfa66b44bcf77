package dev.tinyreason.tasks;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The arithmetic claims inside a think trace, each checked on its own: {@code 9+8=17},
 * {@code 4*7+2=30}, {@code 41 - 4 = 37}, {@code 22 + 8 = 30 (left: 12 30)},
 * {@code check: (7+2)*1+1 = 10 ok}. A step is correct
 * when its left side evaluates (usual precedence, exact fractions) to the number on its right.
 * This is how to find <em>where</em> a wrong trace went wrong: the first false step, and
 * whether the steps after it were computed correctly from a wrong value (the error
 * propagated) or were wrong themselves.
 *
 * <pre>{@code
 * Equations.check("7+7=14 c1 | 6+4+1=12 c1 | 124")  // [7+7=14 ✓, 6+4+1=12 ✗ (is 11)]
 * }</pre>
 */
public final class Equations {

    /** One claimed equation, where it sits in the trace, and whether it holds. */
    public record Step(int start, int end, String lhs, String claimed, String actual,
            boolean correct) {}

    private static final Pattern EQUATION = Pattern.compile(
            "(\\(*\\d+\\)*(?:\\s*[-+*/]\\s*\\(*\\d+\\)*)+)\\s*=\\s*(-?\\d+)");

    private Equations() {}

    /** Every equation of {@code think} in order; text that is not an equation is skipped. */
    public static List<Step> check(String think) {
        List<Step> out = new ArrayList<>();
        if (think == null) {
            return out;
        }
        Matcher m = EQUATION.matcher(think);
        while (m.find()) {
            String lhs = m.group(1);
            String claimed = m.group(2);
            String actual;
            boolean ok;
            try {
                Rational v = Expression.parse(lhs).value();
                actual = v.toString();
                ok = v.equals(Rational.parse(claimed));
            } catch (RuntimeException e) {  // division by zero, overflow: not a true claim
                actual = "undefined";
                ok = false;
            }
            out.add(new Step(m.start(), m.end(), lhs.replace(" ", ""), claimed, actual, ok));
        }
        return out;
    }

    /** Index of the first false step of {@code think}, or -1 when every step holds. */
    public static int firstError(String think) {
        List<Step> steps = check(think);
        for (int i = 0; i < steps.size(); i++) {
            if (!steps.get(i).correct()) {
                return i;
            }
        }
        return -1;
    }
}
