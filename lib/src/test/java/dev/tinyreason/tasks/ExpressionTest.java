package dev.tinyreason.tasks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class ExpressionTest {

    @Test
    void rationalsAreExactAndReduced() {
        assertEquals(new Rational(8, 3), Rational.of(8).dividedBy(Rational.of(3)));
        assertEquals(Rational.of(24), Rational.of(8).dividedBy(Rational.of(3).minus(new Rational(8, 3))));
        assertEquals(new Rational(-1, 2), new Rational(2, -4));
        assertEquals("8/3", new Rational(16, 6).toString());
        assertEquals(new Rational(8, 3), Rational.parse("8/3"));
        assertEquals(Rational.of(-3), Rational.parse("-3"));
        assertNull(Rational.parse("8/0"));
        assertNull(Rational.parse("8/-3"));
        assertNull(Rational.parse("+3"));
        assertNull(Rational.parse("x"));
        assertNull(Rational.parse("99999999999999999999"));
        assertThrows(ArithmeticException.class, () -> Rational.of(1).dividedBy(Rational.ZERO));
        assertThrows(ArithmeticException.class, () -> Rational.of(Long.MAX_VALUE).times(Rational.of(2)));
    }

    @Test
    void parsesAndPrintsWithFewestParentheses() {
        assertEquals("(8-4)*(7-1)", Expression.parse("( 8 - 4 ) * ( 7 - 1 )").toString());
        assertEquals("5*9-3", Expression.parse("((5*9)-3)").toString());
        assertEquals("8/(3-8/3)", Expression.parse("8/(3-(8/3))").toString());
        assertEquals("1-(2-3)", Expression.parse("1-(2-3)").toString());
        assertEquals("12/(6/3)", Expression.parse("12/(6/3)").toString());
        assertEquals("1+2-3", Expression.parse("1+(2-3)").toString());
        assertEquals(List.of(8L, 4L, 7L, 1L), Expression.parse("(8-4)*(7-1)").numbers());
    }

    @Test
    void valuesAreExact() {
        assertEquals(Rational.of(24), Expression.parse("(8-4)*(7-1)").value());
        assertEquals(Rational.of(24), Expression.parse("8/(3-8/3)").value());
        assertEquals(Rational.of(-1), Expression.parse("1-2").value());
        assertNull(Expression.parse("8/(3-3)").value());
    }

    @Test
    void countdownRulesRejectFractionsAndNonPositiveIntermediates() {
        assertEquals(Rational.of(42), Expression.parse("23+15+8-4").valueUnder(Rules.COUNTDOWN));
        assertNull(Expression.parse("8/3*3").valueUnder(Rules.COUNTDOWN));
        assertEquals(Rational.of(8), Expression.parse("8/3*3").valueUnder(Rules.GAME24));
        assertNull(Expression.parse("3-5+9").valueUnder(Rules.COUNTDOWN));
        assertNull(Expression.parse("4-4+9").valueUnder(Rules.COUNTDOWN));
    }

    @Test
    void nonExpressionsAreNull() {
        for (String s : new String[] {null, "", " ", "-3+4", "3+", "(3+4", "3+4)", "3 4", "3x4", "3**4", "()",
                "1234567890+1", "forty-two", "3+4=7", "(".repeat(31) + "1" + ")".repeat(31),
                "1+".repeat(100) + "1"}) {
            assertNull(Expression.parse(s), String.valueOf(s));
        }
        assertEquals(Rational.of(1), Expression.parse("(".repeat(30) + "1" + ")".repeat(30)).value());
    }
}
