package dev.tinyreason.viz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * The explanatory figures of the notebooks: a markdown cell shows one as
 * {@code ![alt](figures/NAME.svg)}, a solutions notebook as {@code ![alt](../figures/NAME.svg)}.
 * Every figure shown exists inside {@code notebooks/} (the folder JupyterLab serves), has alt
 * text, and is a small SVG that parses, has a viewBox, paints its own white background (on
 * JupyterLab's dark theme a transparent figure would show dark lines on a dark page) and loads
 * nothing from outside the file. Notebooks are read as JSON, never executed.
 */
class NotebookFiguresTest {

    /** {@code ![alt](target)} or {@code ![alt](target "title")}, CommonMark's image. */
    private static final Pattern IMAGE =
            Pattern.compile("!\\[([^\\]]*)\\]\\(([^)\\s]+)(?:\\s+\"[^\"]*\")?\\)");

    private static final String SVG_NS = "http://www.w3.org/2000/svg";

    /** Figures are written by hand and stay small enough to read in a diff. */
    private static final long MAX_SVG_BYTES = 12 * 1024;

    /** One figure per technique, in the notebook that introduces it. */
    private static final Map<String, String> TECHNIQUE_FIGURES = Map.of(
            "03_tree_of_thoughts", "tot_loop.svg",
            "04_tiny_recursive_model", "trm_loop.svg",
            "06_dpo", "dpo_objective.svg",
            "07_grpo", "grpo_pipeline.svg");

    record Figure(Path notebook, String alt, String target) {}

    @Test
    void everyFigureANotebookShowsIsASmallSelfContainedSvg() throws Exception {
        Path served = notebooksDir();
        List<Figure> figures = figures();
        assertTrue(figures.size() >= 2 * TECHNIQUE_FIGURES.size(),
                "found only " + figures.size() + " images in the notebooks' markdown");
        for (Figure f : figures) {
            String where = served.relativize(f.notebook()) + " shows " + f.target();
            assertFalse(f.alt().isBlank(), where + " without alt text; describe the figure");
            assertFalse(f.target().contains("://"), where + ": figures ship with the course");
            Path file = f.notebook().getParent().resolve(f.target()).normalize();
            assertTrue(file.startsWith(served), where + ", outside notebooks/ (not served)");
            assertTrue(Files.isRegularFile(file), where + ", which does not exist");
            if (file.getFileName().toString().endsWith(".svg")) {
                checkSvg(file, where);
            }
        }
    }

    @Test
    void eachTechniqueShowsItsFigureInItsNotebookAndItsSolutions() throws Exception {
        List<Figure> figures = figures();
        Path served = notebooksDir();
        for (Map.Entry<String, String> e : TECHNIQUE_FIGURES.entrySet()) {
            Path main = served.resolve(e.getKey() + ".ipynb");
            Path solutions = served.resolve("solutions").resolve(e.getKey() + "_solutions.ipynb");
            assertTrue(shows(figures, main, "figures/" + e.getValue()),
                    main.getFileName() + " should show figures/" + e.getValue());
            assertTrue(shows(figures, solutions, "../figures/" + e.getValue()),
                    solutions.getFileName() + " should show ../figures/" + e.getValue());
        }
    }

    @Test
    void everyFigureInTheFolderIsShownByANotebook() throws Exception {
        Path dir = notebooksDir().resolve("figures");
        Set<Path> shown = figures().stream()
                .map(f -> f.notebook().getParent().resolve(f.target()).normalize())
                .collect(Collectors.toSet());
        List<Path> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = s.filter(p -> p.getFileName().toString().endsWith(".svg")).sorted().toList();
        }
        assertFalse(files.isEmpty(), "no figures in " + dir);
        for (Path p : files) {
            assertTrue(shown.contains(p.normalize()), "notebooks/figures/" + p.getFileName()
                    + " is shown by no notebook: show it or delete it");
        }
    }

    private static void checkSvg(Path file, String where) throws Exception {
        assertTrue(Files.size(file) < MAX_SVG_BYTES, where + ": " + Files.size(file)
                + " bytes, more than a hand-written figure needs (" + MAX_SVG_BYTES + ")");
        String text = Files.readString(file, StandardCharsets.UTF_8);
        assertFalse(text.contains("@import") || text.contains("url(http"),
                where + " loads a style or font from outside the file");

        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        Document doc = factory.newDocumentBuilder().parse(file.toFile());
        Element svg = doc.getDocumentElement();
        assertEquals("svg", svg.getLocalName(), where + ": the root element is not <svg>");
        assertEquals(SVG_NS, svg.getNamespaceURI(),
                where + ": <svg> needs xmlns=\"" + SVG_NS + "\"");
        String[] viewBox = svg.getAttribute("viewBox").trim().split("[\\s,]+");
        assertEquals(4, viewBox.length, where + ": <svg> needs a viewBox to scale");

        NodeList all = svg.getElementsByTagNameNS("*", "*");
        for (int i = 0; i < all.getLength(); i++) {
            Element e = (Element) all.item(i);
            assertNotEquals("script", e.getLocalName(), where + " has a <script>");
            assertNotEquals("foreignObject", e.getLocalName(), where + " embeds HTML");
            for (String href : new String[] {e.getAttribute("href"),
                    e.getAttributeNS("http://www.w3.org/1999/xlink", "href")}) {
                assertTrue(href.isEmpty() || href.startsWith("#"),
                        where + " refers to " + href + "; a figure must be one file");
            }
        }

        Element background = firstDrawn(svg);
        assertTrue(background != null && background.getLocalName().equals("rect"),
                where + ": the first thing drawn should be a white background <rect>");
        String fill = background.getAttribute("fill").toLowerCase(Locale.ROOT);
        assertTrue(Set.of("#fff", "#ffffff", "white").contains(fill),
                where + ": the background <rect> is fill=\"" + fill + "\", not white");
        String width = background.getAttribute("width");
        assertTrue(width.equals("100%") || atLeast(width, viewBox[2]),
                where + ": the background <rect> is " + width + " wide, the viewBox "
                        + viewBox[2]);
    }

    /** The first child of {@code svg} that paints, skipping title, desc, defs and metadata. */
    private static Element firstDrawn(Element svg) {
        for (Node n = svg.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e
                    && !Set.of("title", "desc", "defs", "metadata").contains(e.getLocalName())) {
                return e;
            }
        }
        return null;
    }

    /** Whether the number {@code a} is at least the number {@code b}. */
    private static boolean atLeast(String a, String b) {
        try {
            return Double.parseDouble(a) >= Double.parseDouble(b);
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static boolean shows(List<Figure> figures, Path notebook, String target) {
        return figures.stream()
                .anyMatch(f -> f.notebook().equals(notebook) && f.target().equals(target));
    }

    private static Path notebooksDir() {
        return Notebook.home().resolve("notebooks").toAbsolutePath().normalize();
    }

    /** Every image in the markdown cells of every notebook under notebooks/, solutions too. */
    private static List<Figure> figures() throws IOException {
        List<Path> notebooks;
        try (Stream<Path> s = Files.walk(notebooksDir())) {
            notebooks = s.filter(p -> p.getFileName().toString().endsWith(".ipynb"))
                    .filter(p -> !p.toString().contains(".ipynb_checkpoints"))
                    .sorted().toList();
        }
        List<Figure> out = new ArrayList<>();
        for (Path nb : notebooks) {
            for (String markdown : markdownCells(nb)) {
                Matcher m = IMAGE.matcher(markdown);
                while (m.find()) {
                    out.add(new Figure(nb, m.group(1), m.group(2)));
                }
            }
        }
        return out;
    }

    private static List<String> markdownCells(Path notebook) throws IOException {
        JsonObject nb = JsonParser.parseString(Files.readString(notebook, StandardCharsets.UTF_8))
                .getAsJsonObject();
        List<String> out = new ArrayList<>();
        for (JsonElement c : nb.getAsJsonArray("cells")) {
            JsonObject cell = c.getAsJsonObject();
            if (!"markdown".equals(cell.get("cell_type").getAsString())) {
                continue;
            }
            JsonElement source = cell.get("source");
            StringBuilder text = new StringBuilder();
            if (source.isJsonArray()) {
                source.getAsJsonArray().forEach(line -> text.append(line.getAsString()));
            } else {
                text.append(source.getAsString());
            }
            out.add(text.toString());
        }
        return out;
    }
}
