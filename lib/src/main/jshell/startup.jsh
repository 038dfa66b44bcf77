// tinyreason kernel start-up (installed by ./tinyreason): how library values show in a notebook.
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
