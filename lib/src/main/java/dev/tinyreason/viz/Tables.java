package dev.tinyreason.viz;

import java.lang.reflect.RecordComponent;
import java.util.List;
import java.util.Locale;
import tech.tablesaw.api.BooleanColumn;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.NumericColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;
import tech.tablesaw.columns.numbers.NumberColumnFormatter;

/**
 * Tablesaw tables as HTML. A {@code Table} that is a notebook cell's value renders this way
 * (the kernel start-up script registers {@link #html}); no JavaScript, so it works offline and
 * on GitHub.
 */
public final class Tables {

    /** Rows shown before the table is cut (the rest is summarised in a footer). */
    public static final int MAX_ROWS = 60;

    /** Tablesaw's plain-text printing with {@link #number}'s rounding. */
    private static final NumberColumnFormatter READABLE = new NumberColumnFormatter() {
        @Override
        public String format(double value) {
            return number(value);
        }
    };

    private Tables() {}

    /**
     * A table with one row per record and one column per record component, so library results
     * (records) become tables without plumbing: {@code Tables.of("checks", Environment.check())}.
     * Numbers become numeric columns, booleans boolean columns, anything else its string form.
     */
    public static <R extends Record> Table of(String name, List<R> rows) {
        if (rows.isEmpty()) {
            return Table.create(name);
        }
        RecordComponent[] parts = rows.get(0).getClass().getRecordComponents();
        Table table = Table.create(name);
        for (RecordComponent part : parts) {
            table.addColumns(column(part, rows));
        }
        return table;
    }

    private static Column<?> column(RecordComponent part, List<? extends Record> rows) {
        Class<?> t = part.getType();
        String name = part.getName();
        Object[] values = rows.stream().map(r -> read(part, r)).toArray();
        if (t == int.class || t == Integer.class) {
            return IntColumn.create(name, java.util.Arrays.stream(values).mapToInt(v -> (Integer) v).toArray());
        } else if (t == long.class || t == Long.class) {
            return LongColumn.create(name, java.util.Arrays.stream(values).mapToLong(v -> (Long) v).toArray());
        } else if (t == double.class || t == Double.class || t == float.class || t == Float.class) {
            DoubleColumn c = DoubleColumn.create(name, java.util.Arrays.stream(values)
                    .mapToDouble(v -> ((Number) v).doubleValue()).toArray());
            c.setPrintFormatter(READABLE);  // text/plain rounds as the HTML view does
            return c;
        } else if (t == boolean.class || t == Boolean.class) {
            BooleanColumn c = BooleanColumn.create(name);
            for (Object v : values) {
                c.append((Boolean) v);
            }
            return c;
        }
        return StringColumn.create(name, java.util.Arrays.stream(values).map(String::valueOf).toList());
    }

    private static Object read(RecordComponent part, Record row) {
        try {
            java.lang.reflect.Method accessor = part.getAccessor();
            accessor.trySetAccessible();  // records declared in a notebook are not public
            return accessor.invoke(row);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("Cannot read " + part.getName() + " of " + row, e);
        }
    }

    /** A cell as text; doubles rounded to what a reader can take in (4 decimals at most). */
    static String cell(Column<?> c, int row) {
        if (c.isMissing(row)) {
            return "";
        }
        Object v = c.get(row);
        if (v instanceof Double || v instanceof Float) {
            return number(((Number) v).doubleValue());
        }
        return c.getString(row);
    }

    /** 0.7166 · 12.346 · 1234.6 · 42 — enough digits to compare, no false precision. */
    public static String number(double v) {
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            return String.valueOf(v);
        }
        double a = Math.abs(v);
        if (v == Math.rint(v) && a < 1e15) {
            return String.format(Locale.ROOT, "%.0f", v);
        }
        String f = a >= 100 ? "%.1f" : a >= 1 ? "%.3f" : "%.4f";
        return String.format(Locale.ROOT, f, v);
    }

    /** The table as an HTML {@code <table>} with its name as caption. */
    public static String html(Table table) {
        StringBuilder sb = new StringBuilder("<table class=\"tinyreason\">");
        if (table.name() != null && !table.name().isBlank()) {
            sb.append("<caption style=\"caption-side:top;text-align:left;font-weight:bold\">")
                    .append(Html.escape(table.name())).append("</caption>");
        }
        sb.append("<thead><tr>");
        for (Column<?> c : table.columns()) {
            sb.append("<th style=\"text-align:left\">").append(Html.escape(c.name())).append("</th>");
        }
        sb.append("</tr></thead><tbody>");
        int shown = Math.min(table.rowCount(), MAX_ROWS);
        for (int r = 0; r < shown; r++) {
            sb.append("<tr>");
            for (Column<?> c : table.columns()) {
                boolean numeric = c instanceof NumericColumn;
                sb.append(numeric ? "<td style=\"text-align:right\">" : "<td style=\"text-align:left\">")
                        .append(Html.escape(cell(c, r))).append("</td>");
            }
            sb.append("</tr>");
        }
        sb.append("</tbody></table>");
        if (table.rowCount() > shown) {
            sb.append(String.format(Locale.ROOT, "<p><i>%d of %d rows shown.</i></p>",
                    shown, table.rowCount()));
        }
        return sb.toString();
    }
}
