// tinyreason kernel start-up (installed by ./tinyreason): the course's imports, and how library
// values show in a notebook.

// The course's everyday API, imported in every notebook (a notebook's own import cell then
// shows only what is new in it): collections and files, the grader, loading a checkpoint and
// its tokenizer, the tasks and their data, chain-of-thought evaluation and its scoreboard,
// training logs, charts and tables.
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.*;
import java.util.stream.Collectors;
import dev.tinyreason.grade.Exercise;
import dev.tinyreason.grade.Grader;
import dev.tinyreason.infer.ChainOfThought;
import dev.tinyreason.infer.Evaluation;
import dev.tinyreason.infer.Scoreboard;
import dev.tinyreason.model.Checkpoint;
import dev.tinyreason.model.LlamaModel;
import dev.tinyreason.tasks.Example;
import dev.tinyreason.tasks.Task;
import dev.tinyreason.tasks.TaskData;
import dev.tinyreason.tasks.Tasks;
import dev.tinyreason.tokenizer.Tokenizer;
import dev.tinyreason.train.MetricLog;
import dev.tinyreason.viz.*;
import org.knowm.xchart.XYChart;
import tech.tablesaw.api.*;

// Charts render as PNG, tables and grade reports as HTML: no JavaScript, so it works offline.
dev.tinyreason.viz.Notebook.install(o -> display(o), (id, o) -> updateDisplay(id, o));

kernel().getRenderer()
    .createRegistration(org.knowm.xchart.internal.chartpart.Chart.class)
    .preferring(org.dflib.jjava.jupyter.kernel.display.mime.MIMEType.IMAGE_PNG,
        org.dflib.jjava.jupyter.kernel.display.mime.MIMEType.TEXT_PLAIN)
    .register((chart, ctx) -> {
        ctx.renderIfRequested(org.dflib.jjava.jupyter.kernel.display.mime.MIMEType.IMAGE_PNG,
            () -> dev.tinyreason.viz.Charts.pngBase64(chart));
        ctx.renderIfRequested(org.dflib.jjava.jupyter.kernel.display.mime.MIMEType.TEXT_PLAIN,
            () -> "[chart: " + chart.getTitle() + "]");
    });

kernel().getRenderer()
    .createRegistration(tech.tablesaw.api.Table.class)
    .preferring(org.dflib.jjava.jupyter.kernel.display.mime.MIMEType.TEXT_HTML)
    .register((table, ctx) -> ctx.renderIfRequested(
        org.dflib.jjava.jupyter.kernel.display.mime.MIMEType.TEXT_HTML,
        () -> dev.tinyreason.viz.Tables.html(table)));

kernel().getRenderer()
    .createRegistration(dev.tinyreason.viz.Html.class)
    .preferring(org.dflib.jjava.jupyter.kernel.display.mime.MIMEType.TEXT_HTML)
    .register((h, ctx) -> ctx.renderIfRequested(
        org.dflib.jjava.jupyter.kernel.display.mime.MIMEType.TEXT_HTML, () -> h.html()));

kernel().getRenderer()
    .createRegistration(dev.tinyreason.grade.GradeReport.class)
    .preferring(org.dflib.jjava.jupyter.kernel.display.mime.MIMEType.TEXT_HTML)
    .register((r, ctx) -> ctx.renderIfRequested(
        org.dflib.jjava.jupyter.kernel.display.mime.MIMEType.TEXT_HTML,
        () -> dev.tinyreason.viz.Render.html(r)));
