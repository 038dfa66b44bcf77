package dev.tinyreason.viz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.Table;

class TablesTest {

    record Row(String name, int count, double p, boolean ok) {}

    @Test
    void recordsBecomeTypedColumns() {
        Table t = Tables.of("rows", List.of(new Row("a", 1, 0.25, true), new Row("b", 2, 0.5, false)));
        assertEquals(List.of("name", "count", "p", "ok"), t.columnNames());
        assertEquals(2, t.rowCount());
        assertEquals(0.5, t.doubleColumn("p").get(1));
        assertEquals(2, t.intColumn("count").get(1));
    }

    @Test
    void htmlEscapesTextAndRoundsNumbers() {
        Table t = Tables.of("<b>x</b>", List.of(new Row("<think>", 3, 0.716639995, true)));
        String html = Tables.html(t);
        assertTrue(html.contains("&lt;think&gt;"), html);
        assertTrue(html.contains("&lt;b&gt;x&lt;/b&gt;"), html);
        assertTrue(html.contains(">0.7166<"), html);
        assertTrue(!html.contains("<think>"), html);
    }

    @Test
    void plainTextRoundsNumbersAsTheHtmlDoes() {
        String text = Tables.of("t", List.of(new Row("a", 3, 0.716639995, true))).print();
        assertTrue(text.contains("0.7166"), text);
        assertTrue(!text.contains("0.716639995"), text);
        assertEquals(0.716639995, Tables.of("t", List.of(new Row("a", 3, 0.716639995, true)))
                .doubleColumn("p").get(0), 0.0, "the column keeps the full value");
    }

    @Test
    void numbersKeepUsefulDigits() {
        assertEquals("42", Tables.number(42.0));
        assertEquals("0.7166", Tables.number(0.716639995));
        assertEquals("12.346", Tables.number(12.3456));
        assertEquals("1234.6", Tables.number(1234.56));
        assertEquals("NaN", Tables.number(Double.NaN));
    }

    @Test
    void longTablesAreCut() {
        List<Row> rows = new java.util.ArrayList<>();
        for (int i = 0; i < Tables.MAX_ROWS + 5; i++) {
            rows.add(new Row("r" + i, i, 0, true));
        }
        String html = Tables.html(Tables.of("long", rows));
        assertTrue(html.contains(Tables.MAX_ROWS + " of " + (Tables.MAX_ROWS + 5) + " rows shown"), html);
    }
}
