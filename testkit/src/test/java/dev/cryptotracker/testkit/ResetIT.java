package dev.cryptotracker.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.CompletableFuture;
import javax.sql.DataSource;
import org.jooq.DSLContext;
import org.junit.jupiter.api.MethodOrderer.OrderAnnotation;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.redisson.api.RedissonClient;
import org.redisson.client.codec.StringCodec;

/** The first test writes through every kind of connection; the next one must find nothing of it. */
@Testkit
@TestMethodOrder(OrderAnnotation.class)
class ResetIT {

    @Test
    @Order(1)
    void writesThroughPoolRawJdbcAnotherThreadAndRedis(DSLContext sql, DataSource pool, ConnectionDetails details,
                                                      RedissonClient redis) throws Exception {
        assertThat(sql.fetchValue("INSERT INTO owners (name) VALUES ('Ann') RETURNING id", Long.class))
                .isEqualTo(1L);
        try (Connection raw = DriverManager.getConnection(details.jdbcUrl(), details.username(), details.password());
             Statement statement = raw.createStatement()) {
            statement.execute("INSERT INTO pets (owner_id, species, name) VALUES (1, 'cat', 'Tom')");
        }
        CompletableFuture.runAsync(() -> insertNote(pool, "from another thread")).join();
        try (Connection connection = pool.getConnection()) {
            connection.setAutoCommit(false);
            try (Statement statement = connection.createStatement()) {
                statement.execute("INSERT INTO owners (name) VALUES ('rolled back')");
            }
            connection.rollback();
        }
        redis.getBucket("greeting", StringCodec.INSTANCE).set("hello");

        assertThat(sql.fetchValue("SELECT count(*) FROM pets", Long.class)).isEqualTo(1L);
        assertThat(redis.getKeys().count()).isEqualTo(1);
    }

    @Test
    @Order(2)
    void nextTestFindsEveryTableEmptyAndIdsFromOne(DatabaseHelper db, DSLContext sql, RedissonClient redis) {
        assertThat(db.rowCount("owners")).isZero();
        assertThat(db.rowCount("pets")).isZero();
        assertThat(db.rowCount("notes")).as("rows a migration seeded, outside reference data").isZero();
        assertThat(redis.getKeys().count()).isZero();

        assertThat(sql.fetchValue("INSERT INTO owners (name) VALUES ('Bob') RETURNING id", Long.class))
                .as("identity restarted, also after a rolled-back insert").isEqualTo(1L);
        assertThat(sql.fetchValue("INSERT INTO notes (body) VALUES ('x') RETURNING id", Integer.class))
                .as("serial restarted").isEqualTo(1);
    }

    @Test
    @Order(3)
    void referenceTablesKeepTheirMigratedRows(DatabaseHelper db, DSLContext sql) {
        assertThat(db.rowCount("species")).isEqualTo(2);
        assertThat(db.rowCount("owners")).isZero();
        sql.execute("INSERT INTO owners (name) VALUES ('Cy')");
        sql.execute("INSERT INTO pets (owner_id, species, name) VALUES (1, 'dog', 'Rex')");
    }

    @Test
    @Order(4)
    void referenceRowsSurviveTheResetAfterTablesThatReferenceThemWereWritten(DatabaseHelper db) {
        assertThat(db.rowCount("species")).isEqualTo(2);
        assertThat(db.rowCount("pets")).isZero();
        assertThat(db.rowCount("migration_runs")).isEqualTo(1);
    }

    private static void insertNote(DataSource pool, String body) {
        try (Connection connection = pool.getConnection();
             var insert = connection.prepareStatement("INSERT INTO notes (body) VALUES (?)")) {
            insert.setString(1, body);
            insert.execute();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
