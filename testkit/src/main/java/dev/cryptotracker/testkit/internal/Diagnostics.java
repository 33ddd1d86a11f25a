package dev.cryptotracker.testkit.internal;

import dev.cryptotracker.testkit.ProviderKind;
import dev.cryptotracker.testkit.RunningServers;
import java.util.Optional;

/**
 * What a failing test's report says about the testkit: provider, servers, and what their logs say that matters —
 * errors and warnings since each became ready, not its start-up chatter.
 */
final class Diagnostics {

    static final int LOG_LINES = 15;

    private Diagnostics() {
    }

    /** Never contains a password: server descriptions carry none, and neither do the servers' own logs. */
    static String describe(ProviderKind provider, PostgresServer postgres, RedisServer redis) {
        StringBuilder text = new StringBuilder("testkit: provider ").append(provider == null ? "none" : provider);
        if (postgres != null) {
            append(text, "PostgreSQL", "url", postgres.describe(), postgres.log());
        }
        if (redis != null) {
            append(text, "Redis", "address", redis.describe(), redis.log());
        }
        return text.toString();
    }

    private static void append(StringBuilder text, String name, String addressLabel, RunningServers.Server server,
                               Optional<String> log) {
        text.append("\n  ").append(name).append(": image ").append(server.image()).append(", id ")
                .append(server.id()).append(", ").append(addressLabel).append(' ').append(server.address())
                .append("\n  ").append(name).append(" log, errors and warnings since it became ready (at most ")
                .append(LOG_LINES).append(" lines):\n")
                .append(indent(log.map(all -> Logs.relevant(all, LOG_LINES)).orElse(ExternalProvider.NO_LOG)));
    }

    private static String indent(String text) {
        return text.lines().map(line -> "    " + line).reduce((a, b) -> a + "\n" + b).orElse("    (empty)");
    }
}
