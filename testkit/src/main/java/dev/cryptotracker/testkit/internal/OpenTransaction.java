package dev.cryptotracker.testkit.internal;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A session that a test left inside a transaction, as {@code testkit_reset.end_open_transactions()} found it (and ended it).
 *
 * @param pid   the server process of the session
 * @param state {@code idle in transaction}, {@code idle in transaction (aborted)} or {@code active}
 * @param since when it entered that state
 * @param query its last statement, shortened
 */
record OpenTransaction(int pid, String state, Instant since, String query) {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss.SSS")
            .withZone(ZoneId.systemDefault());
    /** A statement that set a password shows none. */
    private static final Pattern PASSWORD = Pattern.compile("(?i)(password\\s*)'[^']*'");

    String describe(Instant now) {
        String last = query == null || query.isBlank() ? "(none)" : PASSWORD.matcher(query.strip().replaceAll(
                "\\s+", " ")).replaceAll("$1'***'");
        return "session " + pid + ", " + state + (since == null ? "" : " since " + TIME.format(since) + " ("
                + Duration.between(since, now).toMillis() + " ms)") + ", last statement: " + last;
    }

    static String describe(List<OpenTransaction> open, String database, Instant now) {
        return "left " + (open.size() == 1 ? "a transaction" : open.size() + " transactions") + " open on database "
                + database + ": " + open.stream().map(o -> o.describe(now)).collect(Collectors.joining("; "))
                + ". The testkit ended " + (open.size() == 1 ? "that session" : "those sessions") + " and reset the "
                + "database, so the next test starts clean. Close every connection a test takes (try-with-"
                + "resources) and end every transaction it begins (commit or rollback)";
    }
}
