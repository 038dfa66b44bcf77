package dev.tinyreason.tasks;

import java.util.ArrayList;
import java.util.List;

/**
 * The school column algorithms, one written step per column, right to left, that arith's
 * traces are made of. Each step is an equation {@link Equations} can check.
 * <pre>
 * add(47, 38)    [7+8=15 c1, 4+3+1=8]
 * sub(43, 18)    [13-8=5 b1, 4-1-1=2]
 * mul(47, 8)     [7*8=56 c5, 4*8+5=37 c3]
 * addUp(18, 43)  [8+5=13 c1, 1+2+1=4]     18 + ? = 43, the missing digits found by adding
 * </pre>
 * {@code cK} carries K into the next column, {@code b1} borrows one from it.
 */
final class Columns {

    private Columns() {}

    /** {@code 7+8=15 c1}, {@code 4+3+1=8}: digit plus digit plus carry, and the carry out. */
    static List<String> add(long a, long b) {
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
    static List<String> sub(long a, long b) {
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
    static List<String> mul(long a, long m) {
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

    /**
     * {@code a} times a one-digit {@code m}, the multiplier written first in each column:
     * {@code mulBy(47, 8)} is {@code [8*7=56 c5, 8*4+5=37 c3]}.
     */
    static List<String> mulBy(long a, long m) {
        List<String> cols = new ArrayList<>();
        long carry = 0;
        for (int i = 0; i < digits(a); i++) {
            int x = digit(a, i);
            long p = m * x + carry;
            cols.add(m + "*" + x + (carry > 0 ? "+" + carry : "") + "=" + p + (p >= 10 ? " c" + p / 10 : ""));
            carry = p / 10;
        }
        return cols;
    }

    /**
     * Subtraction by adding up (the "Austrian" method): for {@code sum - b}, each column finds the
     * digit that, added to b's digit and the carry, ends in sum's digit. {@code addUp(18, 43)}:
     * {@code 8+5=13 c1 | 1+2+1=4}, so 43 - 18 = 25. Needs {@code sum >= b}.
     */
    static List<String> addUp(long b, long sum) {
        List<String> cols = new ArrayList<>();
        int carry = 0;
        for (int i = 0; i < digits(sum); i++) {
            int y = digit(b, i);
            int x = Math.floorMod(digit(sum, i) - y - carry, 10);
            int s = y + x + carry;
            cols.add(y + "+" + x + (carry > 0 ? "+1" : "") + "=" + s + (s >= 10 ? " c1" : ""));
            carry = s / 10;
        }
        return cols;
    }

    static int digits(long n) {
        return Long.toString(n).length();
    }

    static int digit(long n, int i) {
        return (int) (n / pow10(i) % 10);
    }

    static long pow10(int k) {
        long p = 1;
        for (int i = 0; i < k; i++) {
            p *= 10;
        }
        return p;
    }
}
