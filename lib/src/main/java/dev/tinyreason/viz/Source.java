package dev.tinyreason.viz;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The library's own code on the notebook page: a method as it is written in {@code lib/}, read
 * from its source file when the cell runs. A notebook that teaches a method shows its body once
 * this way, then calls it; the page cannot drift from the code, because it is the code.
 *
 * <pre>{@code
 * Source.method(Bfs.class, "search")   // the search, with its doc comment and line numbers
 * }</pre>
 */
public final class Source {

    private Source() {}

    /**
     * The first method or constructor of {@code type} (its top-level class's file) named
     * {@code name}, from its doc comment and annotations to its closing brace, un-indented.
     * To pick an overload, give the start of its parameters as written:
     * {@code "pairs(Samples s"}.
     * A name the file does not declare is an {@link IllegalArgumentException} that lists the
     * names it does.
     */
    public static Html method(Class<?> type, String name) {
        if (name == null || !name.matches("\\w+(\\(.*)?")) {
            throw new IllegalArgumentException("A method name is one Java identifier, or one "
                    + "with the start of its parameters to pick an overload, e.g. "
                    + "\"pairs(Samples\", got '" + name + "'.");
        }
        String signature = name.contains("(") ? name : null;
        name = signature == null ? name : name.substring(0, name.indexOf('('));
        Path file = file(type);
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read " + file + ": " + e.getMessage()
                    + ". Fix: run the notebook from a clone of the course (it reads lib/src).", e);
        }
        Pattern declaration = Pattern.compile("^\\s*(?:@\\w+\\s+)*(?:(?:public|protected|private"
                + "|static|final|synchronized|default|abstract)\\s+)*(?:<[^>]+>\\s+)?"
                + "(?:[\\w.<>\\[\\]?, ]+\\s+)" + (Character.isUpperCase(name.charAt(0)) ? "?" : "")
                + Pattern.quote(name) + "\\s*\\(");
        for (int i = 0; i < lines.size(); i++) {
            if (declaration.matcher(lines.get(i)).find() && !lines.get(i).contains(";")
                    && (signature == null || lines.get(i).contains(signature))
                    && !lines.get(i).strip().startsWith("return")
                    && !lines.get(i).matches(".*\\bnew\\s+" + name + "\\s*\\(.*")
                    && !lines.get(i).strip().startsWith("*")) {
                int first = start(lines, i);
                int last = end(lines, i);
                String code = dedent(lines.subList(first, last + 1));
                String where = root().relativize(file) + ", lines " + (first + 1) + "–" + (last + 1);
                return new Html("<div style=\"font-size:85%;color:#57606a\">" + Html.escape(where)
                        + "</div><pre style=\"line-height:1.3\"><code class=\"language-java\">"
                        + Html.escape(code) + "</code></pre>", "// " + where + "\n" + code);
            }
        }
        throw new IllegalArgumentException(file.getFileName() + " declares no method '"
                + (signature == null ? name : signature) + "'. Fix: use one of " + names(lines)
                + (signature == null ? "" : ", with the start of its parameters as written")
                + ".");
    }

    private static Path root() {
        return Notebook.home().resolve("lib/src/main/java");
    }

    private static Path file(Class<?> type) {
        Class<?> top = type;
        while (top.getEnclosingClass() != null) {
            top = top.getEnclosingClass();
        }
        Path file = root().resolve(top.getName().replace('.', '/') + ".java");
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("No source for " + top.getName() + " at " + file
                    + ". Fix: Source shows the course library's own classes, under lib/src.");
        }
        return file;
    }

    /** The first line of the declaration's doc comment and annotations above line {@code i}. */
    private static int start(List<String> lines, int i) {
        int first = i;
        while (first > 0) {
            String above = lines.get(first - 1).strip();
            if (above.startsWith("@") || above.startsWith("*") || above.startsWith("/**")) {
                first--;
            } else {
                break;
            }
        }
        return first;
    }

    /** The line of the brace that closes the body opened at or after line {@code i}. */
    private static int end(List<String> lines, int i) {
        int depth = 0;
        boolean opened = false;
        boolean inBlockComment = false;
        for (int j = i; j < lines.size(); j++) {
            String s = lines.get(j);
            for (int k = 0; k < s.length(); k++) {
                char c = s.charAt(k);
                if (inBlockComment) {
                    if (c == '*' && k + 1 < s.length() && s.charAt(k + 1) == '/') {
                        inBlockComment = false;
                        k++;
                    }
                } else if (c == '/' && k + 1 < s.length() && s.charAt(k + 1) == '/') {
                    break;
                } else if (c == '/' && k + 1 < s.length() && s.charAt(k + 1) == '*') {
                    inBlockComment = true;
                    k++;
                } else if (c == '"' || c == '\'') {
                    k = skipLiteral(s, k, c);
                } else if (c == '{') {
                    depth++;
                    opened = true;
                } else if (c == '}') {
                    depth--;
                    if (opened && depth == 0) {
                        return j;
                    }
                }
            }
        }
        throw new IllegalStateException("Unbalanced braces after line " + (i + 1) + "; the "
                + "source file does not compile as read.");
    }

    /** The index of the quote that closes the literal opened at {@code k}. */
    private static int skipLiteral(String s, int k, char quote) {
        for (int j = k + 1; j < s.length(); j++) {
            if (s.charAt(j) == '\\') {
                j++;
            } else if (s.charAt(j) == quote) {
                return j;
            }
        }
        return s.length();
    }

    private static String dedent(List<String> lines) {
        int indent = Integer.MAX_VALUE;
        for (String l : lines) {
            if (!l.isBlank()) {
                indent = Math.min(indent, l.length() - l.stripLeading().length());
            }
        }
        StringBuilder sb = new StringBuilder();
        for (String l : lines) {
            sb.append(l.isBlank() ? "" : l.substring(indent)).append('\n');
        }
        return sb.toString().stripTrailing();
    }

    private static List<String> names(List<String> lines) {
        Pattern any = Pattern.compile("^\\s+(?:(?:public|protected|private|static|final)\\s+)+"
                + "(?:<[^>]+>\\s+)?[\\w.<>\\[\\]?, ]+\\s+(\\w+)\\s*\\(");
        List<String> out = new ArrayList<>();
        for (String l : lines) {
            Matcher m = any.matcher(l);
            if (m.find() && !out.contains(m.group(1))) {
                out.add(m.group(1));
            }
        }
        return out;
    }
}
