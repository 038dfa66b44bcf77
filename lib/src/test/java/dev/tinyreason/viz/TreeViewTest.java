package dev.tinyreason.viz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tinyreason.infer.tree.Bfs;
import dev.tinyreason.infer.tree.ExactProposer;
import dev.tinyreason.infer.tree.OracleValuer;
import dev.tinyreason.infer.tree.Problem;
import dev.tinyreason.infer.tree.SearchResult;
import dev.tinyreason.tasks.Game24;
import org.junit.jupiter.api.Test;

class TreeViewTest {

    @Test
    void drawsTheSolvingPathAndSummarisesWhatItLeavesOut() {
        Problem p = Problem.of(Game24.hardest(100).get(50));
        SearchResult r = new Bfs(new ExactProposer(), new OracleValuer(), 2).solve(p);
        assertTrue(r.solved());
        Html h = TreeView.of(r, 3);
        String svg = h.html();
        assertTrue(svg.startsWith("<div") && svg.contains("<svg") && svg.endsWith("</div>"));
        // the root and one box per solving step are green
        assertEquals(1 + r.path().size(), count(svg, "fill=\"#dff5e3\""), svg);
        assertTrue(svg.contains(" more"), "hidden children are summarised");
        assertTrue(h.text().contains("solved: " + r.answer()), h.text());
        assertThrows(IllegalArgumentException.class, () -> TreeView.of(r, 0));
    }

    private static int count(String s, String part) {
        int n = 0;
        for (int i = s.indexOf(part); i >= 0; i = s.indexOf(part, i + 1)) {
            n++;
        }
        return n;
    }
}
