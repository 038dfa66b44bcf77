package dev.tinyreason.viz;

import dev.tinyreason.tokenizer.SpecialTokens;
import dev.tinyreason.tokenizer.Tokenizer;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Token ids drawn as coloured boxes, one per token, so you can see where a tokenizer cuts text.
 * Spaces show as {@code ·}, newlines as {@code ↵}; a token that is only part of a UTF-8 character
 * shows its bytes in hex; special tokens are dark.
 */
public final class Tokens {

    private static final String[] COLOURS = {"#ffd8a8", "#c3fae8", "#d0ebff", "#eebefa", "#d8f5a2"};

    private Tokens() {}

    /** What token {@code id} looks like on its own. */
    public static String piece(Tokenizer tokenizer, int id) {
        if (SpecialTokens.isSpecial(id)) {
            return SpecialTokens.content(id);
        }
        byte[] bytes = tokenizer.vocab().bytes(id);
        try {
            String s = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
            return s.replace(" ", "·").replace("\n", "↵").replace("\r", "␍").replace("\t", "⇥");
        } catch (CharacterCodingException partOfACharacter) {
            StringBuilder sb = new StringBuilder();
            for (byte b : bytes) {
                sb.append(String.format("<%02X>", b & 0xFF));
            }
            return sb.toString();
        }
    }

    /** Every token's piece, in order. */
    public static List<String> pieces(Tokenizer tokenizer, int[] ids) {
        List<String> out = new ArrayList<>(ids.length);
        for (int id : ids) {
            out.add(piece(tokenizer, id));
        }
        return out;
    }

    /** The tokens as boxes; hover shows the id. */
    public static Html html(Tokenizer tokenizer, int[] ids) {
        return html(tokenizer, ids, null);
    }

    /**
     * The tokens as boxes; where {@code marked[i]} is true the box is underlined in red (e.g. the
     * assistant tokens a chat template's mask selects for training).
     */
    public static Html html(Tokenizer tokenizer, int[] ids, boolean[] marked) {
        if (marked != null && marked.length != ids.length) {
            throw new IllegalArgumentException("marked has " + marked.length + " entries but there are "
                    + ids.length + " tokens; pass one flag per token.");
        }
        StringBuilder sb = new StringBuilder("<div style=\"font-family:monospace;line-height:2.1\">");
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < ids.length; i++) {
            String p = piece(tokenizer, ids[i]);
            boolean special = SpecialTokens.isSpecial(ids[i]);
            String bg = special ? "#343a40;color:#fff" : COLOURS[i % COLOURS.length];
            String mark = marked != null && marked[i] ? ";border-bottom:3px solid #e03131" : "";
            sb.append("<span title=\"id ").append(ids[i]).append("\" style=\"background:")
                    .append(bg).append(mark).append(";padding:2px 1px;margin:1px;border-radius:3px\">")
                    .append(Html.escape(p)).append("</span>");
            text.append(i == 0 ? "" : "|").append(p);
        }
        return new Html(sb.append("</div>").toString(), text.toString());
    }
}
