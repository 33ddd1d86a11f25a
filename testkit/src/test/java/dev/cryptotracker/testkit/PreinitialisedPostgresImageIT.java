package dev.cryptotracker.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cryptotracker.testkit.internal.DockerProvider;
import dev.cryptotracker.testkit.internal.DockerProviderAvailability;
import dev.cryptotracker.testkit.internal.PostgresServer;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.testcontainers.images.builder.ImageFromDockerfile;

/**
 * An image whose data directory was initialised when the image was built logs "ready to accept connections" only
 * once. Waiting for that line twice, as the stock PostgreSQL wait does, would time out; the testkit waits for a
 * query to succeed instead.
 *
 * <p>A test of the Docker provider itself: where this machine's Docker cannot run the testkit's servers, it checks
 * the fallback instead (see {@link DockerProviderAvailability}).
 */
class PreinitialisedPostgresImageIT {

    private static final Pattern READY = Pattern.compile("database system is ready to accept connections");

    @Test
    void imageWithInitialisedDataDirectoryStartsWithoutWaitingForASecondReadyLine() throws Exception {
        if (!DockerProviderAvailability.dockerUsable()) {
            DockerProviderAvailability.assertFallbackExplained();
            return;
        }
        String image = preinitialisedImage();
        TestkitConfig settings = TestkitConfig.from(
                Map.of(TestkitSetting.POSTGRES_IMAGE.key(), image, TestkitSetting.POSTGRES_PASSWORD.key(), "testkit",
                        TestkitSetting.STARTUP_TIMEOUT_SECONDS.key(), "60"),
                Map.of(), new Properties());

        try (PostgresServer postgres = new DockerProvider(settings).startPostgres()) {
            Matcher ready = READY.matcher(postgres.log().orElseThrow());
            int readyLines = 0;
            while (ready.find()) {
                readyLines++;
            }
            assertThat(readyLines).as("'ready' lines logged by a pre-initialised server").isEqualTo(1);
            try (Connection connection = DriverManager.getConnection(postgres.jdbcUrl(), postgres.username(),
                    postgres.password());
                 Statement statement = connection.createStatement();
                 ResultSet rows = statement.executeQuery("SELECT current_database()")) {
                rows.next();
                assertThat(rows.getString(1)).isEqualTo("testkit");
            }
        }
    }

    @Test
    void wrongPasswordForAPreinitialisedImageFailsFastNamingTheSetting() throws Exception {
        if (!DockerProviderAvailability.dockerUsable()) {
            DockerProviderAvailability.assertFallbackExplained();
            return;
        }
        TestkitConfig settings = TestkitConfig.from(
                Map.of(TestkitSetting.POSTGRES_IMAGE.key(), preinitialisedImage(),
                        TestkitSetting.STARTUP_TIMEOUT_SECONDS.key(), "60"),
                Map.of(), new Properties());
        long started = System.nanoTime();

        assertThatThrownBy(() -> new DockerProvider(settings).startPostgres())
                .hasStackTraceContaining("refused the testkit's credentials")
                .hasStackTraceContaining("testkit.postgres.password");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).as("failed well before the 60 s timeout")
                .isLessThan(Duration.ofSeconds(45));
    }

    private static String preinitialisedImage() throws Exception {
        String base = TestkitConfig.fromEnvironment().postgresImage();
        return new ImageFromDockerfile("crypto-tracker/postgres-preinitialised-test", false)
                .withDockerfileFromBuilder(dockerfile -> dockerfile
                        .from(base)
                        .env("POSTGRES_USER", "testkit")
                        .env("POSTGRES_PASSWORD", "testkit")
                        .env("POSTGRES_DB", "testkit")
                        // Run the image's own entrypoint until the real server answers, then stop it cleanly.
                        .run("docker-entrypoint.sh postgres & pid=$!; "
                                + "for i in $(seq 1 200); do pg_isready -q -h 127.0.0.1 -U testkit && break; "
                                + "sleep 0.3; done; kill -INT $pid; wait $pid; true")
                        .build())
                .get();
    }
}
