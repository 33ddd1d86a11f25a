package dev.cryptotracker.testkit.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Trims server logs for a failing test's report: what the server said since it became ready that is worth
 * reading — errors, warnings, the statements PostgreSQL logs with them, shutdowns — not the start-up chatter of
 * initdb and banners, and never more than a bounded number of lines. A statement that set a password shows none.
 */
final class Logs {

    /** The last line a server logs once it is ready: PostgreSQL and Redis. */
    private static final Pattern READY = Pattern.compile("(?i)ready to accept connections");
    private static final Pattern RELEVANT = Pattern.compile(
            "(ERROR|FATAL|PANIC|WARNING|STATEMENT|DETAIL|HINT|CONTEXT):"
                    + "|terminat|shut ?down|was killed|exited|out of memory|crash"
                    + "| # ");
    private static final Pattern PASSWORD = Pattern.compile("(?i)(password\\s*)'[^']*'");
    private static final int MAX_LINE = 400;

    private Logs() {
    }

    static String tail(String log, int lines) {
        if (log == null || log.isEmpty()) {
            return "";
        }
        List<String> all = log.lines().toList();
        return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
    }

    /**
     * The relevant lines since the server was last ready, at most {@code lines} of them (the latest), each
     * shortened; says how many were left out, or that there were none.
     */
    static String relevant(String log, int lines) {
        List<String> all = log == null ? List.of() : log.lines().toList();
        int start = 0;
        for (int i = all.size() - 1; i >= 0; i--) {
            if (READY.matcher(all.get(i)).find()) {
                start = i + 1;
                break;
            }
        }
        List<String> kept = new ArrayList<>();
        for (String line : all.subList(start, all.size())) {
            if (RELEVANT.matcher(line).find()) {
                String clean = PASSWORD.matcher(line).replaceAll("$1'***'");
                kept.add(clean.length() > MAX_LINE ? clean.substring(0, MAX_LINE) + " …" : clean);
            }
        }
        if (kept.isEmpty()) {
            return "(no errors or warnings since the server became ready)";
        }
        List<String> shown = kept.subList(Math.max(0, kept.size() - lines), kept.size());
        String omitted = kept.size() > shown.size() ? "(" + (kept.size() - shown.size()) + " earlier lines left out)\n"
                : "";
        return omitted + String.join("\n", shown);
    }
}
