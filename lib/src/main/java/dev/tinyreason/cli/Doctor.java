package dev.tinyreason.cli;

import dev.tinyreason.tensor.Environment;
import dev.tinyreason.viz.Charts;
import java.util.List;
import java.util.concurrent.Callable;
import org.knowm.xchart.XYChart;
import picocli.CommandLine.Command;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.Table;

/**
 * {@code ./tinyreason doctor}: checks the environment and, as a side effect, unpacks DJL's
 * native libraries into the engine cache so the first notebook cell is fast (Binder runs it at
 * build time).
 */
@Command(name = "doctor", description = "Check Java, DJL natives, charts and tables.")
final class Doctor implements Callable<Integer> {

    @Override
    public Integer call() {
        List<Environment.Check> checks = Environment.check();
        try {
            XYChart chart = Charts.line("check", "x", "y");
            chart.addSeries("y = x", new double[] {0, 1}, new double[] {0, 1});
            checks = new java.util.ArrayList<>(checks);
            checks.add(new Environment.Check("XChart PNG", Charts.png(chart).length + " bytes",
                    true, ""));
            Table t = Table.create("check", IntColumn.create("n", 1, 2, 3));
            checks.add(new Environment.Check("Tablesaw table", t.rowCount() + " rows", true, ""));
        } catch (RuntimeException | Error e) {
            checks.add(new Environment.Check("charts and tables", "failed: " + e, false,
                    "run with -Djava.awt.headless=true"));
        }
        for (Environment.Check c : checks) {
            System.out.printf("%s %-42s %s%s%n", c.ok() ? "ok  " : "FAIL", c.item(), c.value(),
                    c.ok() ? "" : "   fix: " + c.fix());
        }
        return Environment.allOk(checks) ? 0 : 1;
    }
}
