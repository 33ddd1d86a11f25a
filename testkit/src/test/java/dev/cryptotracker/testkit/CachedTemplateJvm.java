package dev.cryptotracker.testkit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;

/**
 * A JVM that starts the testkit's PostgreSQL with the settings it is given (-Dtestkit.…), reports what the template
 * holds, writes to it, and reports what the next lease sees; run by the template cache tests. {@code migration_runs}
 * is a reference table that a Flyway callback fills at every migrate with the time it ran: a template migrated in
 * this JVM shows a time after the JVM started, one from the cache the time of the run that built it.
 */
public final class CachedTemplateJvm {

    private CachedTemplateJvm() {
    }

    public static void main(String[] args) throws Exception {
        long started = System.currentTimeMillis();
        try (TestkitServers servers = TestkitServers.start(TestkitConfig.fromEnvironment(), Service.POSTGRES)) {
            TemplateBuild build = servers.templateBuild().orElseThrow();
            System.out.println("TEMPLATE_BUILD fromCache=" + build.fromCache() + " migrations="
                    + build.migrationsApplied());
            try (TestkitLease lease = servers.lease(Service.POSTGRES);
                 Connection connection = lease.dataSource().getConnection();
                 Statement statement = connection.createStatement()) {
                long migratedAt = number(statement, "SELECT (extract(epoch FROM max(ran_at)) * 1000)::bigint "
                        + "FROM migration_runs");
                System.out.println("MIGRATED_AT " + migratedAt);
                System.out.println("MIGRATED " + (migratedAt >= started ? "HERE" : "BEFORE"));
                System.out.println("MIGRATION_RUNS " + number(statement, "SELECT count(*) FROM migration_runs"));
                System.out.println("TABLES " + text(statement, "SELECT string_agg(table_name, ',' ORDER BY table_name)"
                        + " FROM information_schema.tables WHERE table_schema = 'public'"));
                System.out.println("SPECIES " + number(statement, "SELECT count(*) FROM species"));
                System.out.println("PASSWORD_DIGEST " + digest(lease.connectionDetails().password()));
                // The iteration count of the stored SCRAM verifier (SCRAM-SHA-256$<iterations>:<salt>$…), or none.
                System.out.println("SCRAM_ITERATIONS " + text(statement, "SELECT coalesce(split_part(split_part("
                        + "rolpassword, '$', 2), ':', 1), 'none') FROM pg_authid WHERE rolname = current_user"));
                statement.execute("INSERT INTO owners (name) VALUES ('Ann'), ('Bob')");
                statement.execute("INSERT INTO pets (owner_id, species, name) SELECT min(id), 'cat', 'Tom' FROM owners");
                statement.execute("INSERT INTO notes (body) VALUES ('written by a test')");
            }
            try (TestkitLease lease = servers.lease(Service.POSTGRES);
                 Connection connection = lease.dataSource().getConnection();
                 Statement statement = connection.createStatement()) {
                System.out.println("AFTER_RESET owners=" + number(statement, "SELECT count(*) FROM owners")
                        + " pets=" + number(statement, "SELECT count(*) FROM pets")
                        + " notes=" + number(statement, "SELECT count(*) FROM notes")
                        + " species=" + number(statement, "SELECT count(*) FROM species"));
                System.out.println("NEXT_OWNER_ID " + number(statement,
                        "INSERT INTO owners (name) VALUES ('Cy') RETURNING id"));
            }
            System.out.println("PROVIDER " + servers.runningServers().provider());
        }
        System.out.println("CLOSED");
        System.exit(0);
    }

    private static long number(Statement statement, String sql) throws SQLException {
        try (ResultSet result = statement.executeQuery(sql)) {
            result.next();
            return result.getLong(1);
        }
    }

    private static String text(Statement statement, String sql) throws SQLException {
        try (ResultSet result = statement.executeQuery(sql)) {
            result.next();
            return result.getString(1);
        }
    }

    /** The password's digest, so that runs can be compared without printing a password. */
    private static String digest(String password) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest(String.valueOf(password).getBytes(StandardCharsets.UTF_8))).substring(0, 16);
    }
}
