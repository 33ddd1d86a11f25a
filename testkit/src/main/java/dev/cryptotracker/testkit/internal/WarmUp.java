package dev.cryptotracker.testkit.internal;

import dev.cryptotracker.testkit.TestkitConfig;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.sql.DriverManager;
import java.sql.SQLException;
import org.flywaydb.core.Flyway;
import org.slf4j.LoggerFactory;

/**
 * Loads, on a thread of its own, classes that a JVM's first test is about to wait for, while it waits for
 * something else: a server's start, a copy of its data. In a new JVM, loading Flyway takes a good part of a second
 * and the PostgreSQL driver's first connection spends more time loading classes than connecting; on a machine with
 * more than one core that time overlaps. Nothing here connects to anything, or fails.
 */
final class WarmUp {

    private WarmUp() {
    }

    /** Flyway, configured as the template's migration will be: for a server that is about to be migrated. */
    static void flyway(TestkitConfig config) {
        ClassLoader context = Thread.currentThread().getContextClassLoader();
        ClassLoader loader = context != null ? context : WarmUp.class.getClassLoader();
        run("testkit-flyway-warm-up", () -> Flyway.configure(loader)
                .locations(config.migrations().toArray(String[]::new))
                .schemas(config.schemas().toArray(String[]::new))
                .table(TemplateDatabase.FLYWAY_TABLE).load());
    }

    /** The driver's connection classes: a connection to a loopback port on which nothing listens. */
    static void jdbcDriver() {
        run("testkit-jdbc-warm-up", () -> {
            int port;
            try (ServerSocket closed = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                port = closed.getLocalPort();
            } catch (IOException e) {
                return;
            }
            try {
                DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port + "/none?connectTimeout=1",
                        "none", "").close();
            } catch (SQLException e) {
                // Refused, as it should be: the classes are loaded.
            }
        });
    }

    private static void run(String name, Runnable work) {
        Thread thread = new Thread(() -> {
            try {
                work.run();
            } catch (RuntimeException | LinkageError e) {
                LoggerFactory.getLogger(WarmUp.class).debug("{} failed; the classes load when needed", name, e);
            }
        }, name);
        thread.setDaemon(true);
        thread.start();
    }
}
