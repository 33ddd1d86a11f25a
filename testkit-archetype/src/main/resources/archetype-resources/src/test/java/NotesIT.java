package ${package};

import static org.assertj.core.api.Assertions.assertThat;

import dev.cryptotracker.testkit.Service;
import dev.cryptotracker.testkit.Testkit;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.junit.jupiter.api.RepeatedTest;

@Testkit(Service.POSTGRES)
class NotesIT {

    // The second repetition fails if the first one's row survived, or if ids did not start again at 1.
    @RepeatedTest(2)
    void everyTestStartsWithNoNotesAndIdsFromOne(DataSource dataSource) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            assertThat(countNotes(connection)).isZero();

            try (PreparedStatement insert = connection.prepareStatement(
                    "INSERT INTO notes (text) VALUES (?) RETURNING id")) {
                insert.setString(1, "buy milk");
                try (ResultSet id = insert.executeQuery()) {
                    assertThat(id.next()).isTrue();
                    assertThat(id.getLong(1)).isEqualTo(1);
                }
            }
            assertThat(countNotes(connection)).isEqualTo(1);
        }
    }

    private static long countNotes(Connection connection) throws SQLException {
        try (PreparedStatement count = connection.prepareStatement("SELECT count(*) FROM notes");
             ResultSet result = count.executeQuery()) {
            result.next();
            return result.getLong(1);
        }
    }
}
