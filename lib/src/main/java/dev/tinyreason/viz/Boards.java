package dev.tinyreason.viz;

import java.util.List;

/**
 * Sudoku-style boards as small HTML grids: clues grey, right answers green, wrong answers red,
 * blanks empty — so a picture per step shows an answer taking shape.
 */
public final class Boards {

    private Boards() {}

    /**
     * One board. {@code puzzle} has 0 for blanks; {@code answer} is what the model says (may be
     * null: show the puzzle alone); {@code solution} marks answers right or wrong.
     */
    public static Html board(int size, int boxRows, int boxCols, int[] puzzle, int[] answer,
            int[] solution, String caption) {
        if (puzzle.length != size * size) {
            throw new IllegalArgumentException("A " + size + "x" + size + " board has " + size * size
                    + " cells, got " + puzzle.length + ".");
        }
        StringBuilder sb = new StringBuilder("<div style=\"display:inline-block;margin:4px 10px;"
                + "text-align:center;font-family:monospace\">");
        sb.append("<table style=\"border-collapse:collapse;border:2px solid #333\">");
        StringBuilder text = new StringBuilder(caption == null ? "" : caption + "\n");
        int wrong = 0;
        for (int r = 0; r < size; r++) {
            sb.append("<tr>");
            for (int c = 0; c < size; c++) {
                int i = r * size + c;
                boolean clue = puzzle[i] != 0;
                int shown = clue ? puzzle[i] : answer == null ? 0 : answer[i];
                boolean bad = !clue && shown != 0 && solution != null && shown != solution[i];
                wrong += bad ? 1 : 0;
                String colour = clue ? "background:#e9ecef;color:#000;font-weight:bold"
                        : bad ? "background:#ffc9c9;color:#c92a2a" : "color:#2b8a3e";
                String right = (c + 1) % boxCols == 0 && c + 1 < size ? "2px solid #333" : "1px solid #bbb";
                String bottom = (r + 1) % boxRows == 0 && r + 1 < size ? "2px solid #333" : "1px solid #bbb";
                sb.append("<td style=\"width:22px;height:22px;padding:0;text-align:center;")
                        .append(colour).append(";border-right:").append(right)
                        .append(";border-bottom:").append(bottom).append("\">")
                        .append(shown == 0 ? "" : shown).append("</td>");
                text.append(shown == 0 ? "." : String.valueOf(shown));
            }
            sb.append("</tr>");
            text.append('\n');
        }
        sb.append("</table>");
        if (caption != null) {
            sb.append("<div style=\"font-size:11px\">").append(Html.escape(caption))
                    .append(solution != null && answer != null ? " · " + wrong + " wrong" : "")
                    .append("</div>");
        }
        return new Html(sb.append("</div>").toString(), text.toString());
    }

    /** Boards side by side (wrapping on narrow screens). */
    public static Html row(List<Html> boards) {
        StringBuilder html = new StringBuilder("<div style=\"display:flex;flex-wrap:wrap\">");
        StringBuilder text = new StringBuilder();
        for (Html b : boards) {
            html.append(b.html());
            text.append(b.text()).append('\n');
        }
        return new Html(html.append("</div>").toString(), text.toString());
    }
}
