package dev.cryptotracker.testkit.internal;

import java.util.ArrayList;
import java.util.List;

/**
 * A fixture script and where each of its statements starts. Only used to say which statement failed when
 * PostgreSQL gives no position (a constraint violation, say): the script is sent whole, not statement by statement.
 * Splits on semicolons outside quotes, quoted identifiers, dollar quotes and comments.
 *
 * @param name the script's path on the classpath
 * @param text its contents
 */
public record SqlScript(String name, String text) {

    /** One statement and the line it starts on (1-based). */
    record Statement(String sql, int line) {
    }

    List<Statement> statements() {
        List<Statement> statements = new ArrayList<>();
        int start = 0;
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '\'' || c == '"') {
                i = text.indexOf(c, i + 1);
                i = i < 0 ? text.length() : i + 1;
            } else if (c == '-' && text.startsWith("--", i)) {
                i = text.indexOf('\n', i);
                i = i < 0 ? text.length() : i + 1;
            } else if (c == '/' && text.startsWith("/*", i)) {
                i = text.indexOf("*/", i + 2);
                i = i < 0 ? text.length() : i + 2;
            } else if (c == '$' && dollarTag(i) != null) {
                String tag = dollarTag(i);
                i = text.indexOf(tag, i + tag.length());
                i = i < 0 ? text.length() : i + tag.length();
            } else if (c == ';') {
                add(statements, start, i);
                start = ++i;
            } else {
                i++;
            }
        }
        add(statements, start, text.length());
        return statements;
    }

    /** {@code $$} or {@code $tag$} at this index, or null. */
    private String dollarTag(int at) {
        int end = at + 1;
        while (end < text.length() && (Character.isLetterOrDigit(text.charAt(end)) || text.charAt(end) == '_')) {
            end++;
        }
        return end < text.length() && text.charAt(end) == '$' ? text.substring(at, end + 1) : null;
    }

    private void add(List<Statement> statements, int from, int to) {
        String sql = text.substring(from, to);
        String stripped = sql.strip();
        if (stripped.isEmpty() || stripped.lines().allMatch(line -> line.isBlank() || line.strip().startsWith("--"))) {
            return;
        }
        int code = firstCode(from, to);
        statements.add(new Statement(text.substring(code, to).strip(), line(code)));
    }

    /** Where a statement's code starts: after blanks and comments. */
    private int firstCode(int from, int to) {
        int i = from;
        while (i < to) {
            if (Character.isWhitespace(text.charAt(i))) {
                i++;
            } else if (text.startsWith("--", i)) {
                int end = text.indexOf('\n', i);
                i = end < 0 ? to : end + 1;
            } else if (text.startsWith("/*", i)) {
                int end = text.indexOf("*/", i + 2);
                i = end < 0 ? to : end + 2;
            } else {
                return i;
            }
        }
        return from;
    }

    /** The 1-based line of a 0-based character offset. */
    int line(int offset) {
        int line = 1;
        for (int i = 0; i < offset && i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                line++;
            }
        }
        return line;
    }

    /** The 1-based column of a 0-based character offset. */
    int column(int offset) {
        int lastBreak = text.lastIndexOf('\n', Math.max(0, offset - 1));
        return offset - lastBreak;
    }
}
