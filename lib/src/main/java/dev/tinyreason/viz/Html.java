package dev.tinyreason.viz;

/**
 * An HTML fragment that the notebook kernel renders as {@code text/html}
 * (the start-up script registers it), and that prints as its plain-text form elsewhere.
 */
public record Html(String html, String text) {

    @Override
    public String toString() {
        return text;
    }

    /** Escapes {@code &, <, >, "} so any text shows as itself inside HTML. */
    public static String escape(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> sb.append("&amp;");
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '"' -> sb.append("&quot;");
                default -> sb.append(c);
            }
        }
        return sb.toString();
    }
}
