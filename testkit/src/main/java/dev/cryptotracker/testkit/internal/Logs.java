package dev.cryptotracker.testkit.internal;

import java.util.List;

/** Trims server logs for diagnostics. */
final class Logs {

    private Logs() {
    }

    static String tail(String log, int lines) {
        if (log == null || log.isEmpty()) {
            return "";
        }
        List<String> all = log.lines().toList();
        return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
    }
}
