package dev.cryptotracker.testkit.internal;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Rewrites the database of a PostgreSQL JDBC URL, keeping host, port and parameters. */
final class JdbcUrls {

    private static final Pattern URL = Pattern.compile("^(jdbc:postgresql://[^/?]*/)([^?]*)(\\?.*)?$");

    private JdbcUrls() {
    }

    static String database(String jdbcUrl) {
        return matcher(jdbcUrl).group(2);
    }

    static String withDatabase(String jdbcUrl, String database) {
        Matcher m = matcher(jdbcUrl);
        return m.group(1) + database + (m.group(3) == null ? "" : m.group(3));
    }

    private static Matcher matcher(String jdbcUrl) {
        Matcher m = URL.matcher(jdbcUrl);
        if (!m.matches()) {
            throw new IllegalArgumentException("not a PostgreSQL JDBC URL with a database: " + jdbcUrl);
        }
        return m;
    }
}
