package dev.cryptotracker.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.RepeatedTest;

/**
 * What a {@code @BeforeAll} method writes is not there for any test, the first included: every test starts as the
 * migrations left the database, so that the first test of a class does not see what the others do not.
 */
@Testkit
class BeforeAllDataIT {

    @BeforeAll
    static void writesBeforeTheFirstTest(DataSource dataSource) throws SQLException {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("INSERT INTO owners (name) VALUES ('written in @BeforeAll')");
        }
    }

    @RepeatedTest(2)
    void everyTestStartsWithoutIt(DatabaseHelper db) {
        assertThat(db.rowCount("owners")).isZero();
    }
}
