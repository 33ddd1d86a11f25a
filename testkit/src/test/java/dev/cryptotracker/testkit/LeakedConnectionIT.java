package dev.cryptotracker.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.MethodOrderer.OrderAnnotation;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.slf4j.LoggerFactory;

/**
 * A test that never closes a connection is named by the pool's leak detection (threshold 2 s in this module's
 * testkit.properties), and the tests after it still get connections.
 */
@Testkit(Service.POSTGRES)
@TestMethodOrder(OrderAnnotation.class)
class LeakedConnectionIT {

    private static final CountDownLatch LEAK_REPORTED = new CountDownLatch(1);

    @Test
    @Order(1)
    void connectionNeverClosedIsReportedByLeakDetection(DataSource pool) throws Exception {
        Logger hikari = (Logger) LoggerFactory.getLogger("com.zaxxer.hikari.pool.ProxyLeakTask");
        AppenderBase<ILoggingEvent> watcher = new AppenderBase<>() {
            @Override
            protected void append(ILoggingEvent event) {
                if (event.getFormattedMessage().contains("leak detection")) {
                    LEAK_REPORTED.countDown();
                }
            }
        };
        watcher.start();
        hikari.addAppender(watcher);
        try {
            Connection leaked = pool.getConnection();
            assertThat(leaked.isValid(1)).isTrue();

            assertThat(LEAK_REPORTED.await(30, TimeUnit.SECONDS)).as("leak reported by the pool").isTrue();
        } finally {
            hikari.detachAppender(watcher);
        }
    }

    @Test
    @Order(2)
    void laterTestsStillGetConnections(DataSource pool, DatabaseHelper db) throws Exception {
        try (Connection connection = pool.getConnection(); Statement statement = connection.createStatement();
             ResultSet one = statement.executeQuery("SELECT 1")) {
            assertThat(one.next()).isTrue();
        }
        assertThat(db.rowCount("owners")).isZero();
    }
}
