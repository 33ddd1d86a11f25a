package dev.cryptotracker.testkit.internal;

import dev.cryptotracker.testkit.RunningServers;
import dev.cryptotracker.testkit.TestkitConfigurationException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A database of this JVM's own on an existing PostgreSQL server: {@code testkit_<pid>_<random>}, commented with the
 * host and process that created it, and dropped at close.
 */
final class ExternalPostgres implements PostgresServer {

    static final String DATABASE_PREFIX = "testkit_";
    /** How a database's comment names the JVM that created it: {@code testkit owner <host> <pid>}. */
    static final String OWNER_COMMENT = "testkit owner ";

    private static final Logger log = LoggerFactory.getLogger(ExternalPostgres.class);

    private final PostgresUrl admin;
    private final String database;
    private final String version;

    private ExternalPostgres(PostgresUrl admin, String database, String version) {
        this.admin = admin;
        this.database = database;
        this.version = version;
    }

    static ExternalPostgres create(PostgresUrl admin) {
        String database = DATABASE_PREFIX + JvmIdentity.pid() + "_" + JvmIdentity.randomHex(4);
        try (Connection connection = admin.connect(); Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE " + database);
            // Who owns it, for the sweep of a later run should this JVM die without dropping it.
            statement.execute("COMMENT ON DATABASE " + database + " IS '" + ownerComment(JvmIdentity.pid()) + "'");
            String version;
            try (ResultSet result = statement.executeQuery("SHOW server_version")) {
                result.next();
                version = result.getString(1);
            }
            log.info("PostgreSQL {}: created database {} for this JVM through {}", version, database,
                    admin.jdbcUrl());
            return new ExternalPostgres(admin, database, version);
        } catch (SQLException e) {
            throw new TestkitConfigurationException("could not create database " + database + " through "
                    + admin + " (" + e.getMessage() + "); check TESTKIT_POSTGRES_URL, TESTKIT_POSTGRES_USER and "
                    + "TESTKIT_POSTGRES_PASSWORD, and that the user may create databases (ALTER ROLE … CREATEDB)", e);
        }
    }

    static String ownerComment(long pid) {
        return OWNER_COMMENT + JvmIdentity.host().replace("'", "") + " " + pid;
    }

    /**
     * Drops the databases, and their clones, of testkit JVMs on this host that are gone (killed with
     * {@code kill -9}, say). Only databases whose comment names this host and a process that no longer runs are
     * touched; another host's, or a live JVM's, are left alone.
     *
     * @return the databases dropped
     */
    static List<String> dropDatabasesOfDeadJvms(Connection connection) throws SQLException {
        List<String> dropped = new ArrayList<>();
        String prefix = OWNER_COMMENT + JvmIdentity.host().replace("'", "") + " ";
        try (Statement statement = connection.createStatement()) {
            List<String> dead = new ArrayList<>();
            try (ResultSet rows = statement.executeQuery("SELECT datname, shobj_description(oid, 'pg_database')"
                    + " FROM pg_database WHERE datname LIKE 'testkit\\_%'")) {
                while (rows.next()) {
                    String comment = rows.getString(2);
                    if (comment != null && comment.startsWith(prefix)
                            && !JvmIdentity.alive(comment.substring(prefix.length()))) {
                        dead.add(rows.getString(1));
                    }
                }
            }
            List<String> all = new ArrayList<>();
            try (ResultSet rows = statement.executeQuery("SELECT datname FROM pg_database")) {
                while (rows.next()) {
                    all.add(rows.getString(1));
                }
            }
            for (String name : all) {
                boolean ofDeadJvm = dead.stream().anyMatch(d -> name.equals(d) || name.matches(
                        Pattern.quote(d) + "_\\d+"));
                if (ofDeadJvm) {
                    statement.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
                    dropped.add(name);
                    log.info("Dropped database {} left by a test JVM that is gone", name);
                }
            }
        }
        return dropped;
    }

    /** The name of this JVM's database. */
    String database() {
        return database;
    }

    @Override
    public String jdbcUrl() {
        return admin.jdbcUrl(database);
    }

    @Override
    public String username() {
        return admin.user();
    }

    @Override
    public String password() {
        return admin.password();
    }

    @Override
    public RunningServers.Server describe() {
        return new RunningServers.Server("external PostgreSQL " + version, database, jdbcUrl());
    }

    @Override
    public Optional<String> log() {
        return Optional.empty();
    }

    @Override
    public void close() {
        try (Connection connection = admin.connect(); Statement statement = connection.createStatement()) {
            statement.execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
            log.info("Dropped database {}", database);
        } catch (SQLException e) {
            log.warn("Could not drop database {} through {}: {}", database, admin.jdbcUrl(), e.getMessage());
        }
    }
}
