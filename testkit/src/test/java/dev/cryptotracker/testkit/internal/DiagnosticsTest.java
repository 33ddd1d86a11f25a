package dev.cryptotracker.testkit.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cryptotracker.testkit.ProviderKind;
import dev.cryptotracker.testkit.RunningServers;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class DiagnosticsTest {

    /** What a provider tells about a PostgreSQL server; the report is made of nothing else. */
    private record DescribedPostgres(RunningServers.Server describe, Optional<String> log) implements PostgresServer {
        @Override
        public String jdbcUrl() {
            return "jdbc:postgresql://127.0.0.1:5432/testkit";
        }

        @Override
        public String username() {
            return "testkit";
        }

        @Override
        public String password() {
            return "never-shown";
        }

        @Override
        public void close() {
        }
    }

    /** What a provider tells about a Redis server. */
    private record DescribedRedis(RunningServers.Server describe, Optional<String> log) implements RedisServer {
        @Override
        public String host() {
            return "127.0.0.1";
        }

        @Override
        public int port() {
            return 6379;
        }

        @Override
        public int database() {
            return 0;
        }

        @Override
        public void close() {
        }
    }

    private static final RunningServers.Server POSTGRES = new RunningServers.Server("postgres:17-alpine", "abc123",
            "jdbc:postgresql://127.0.0.1:5432/testkit");
    private static final RunningServers.Server REDIS = new RunningServers.Server("redis:7-alpine", "def456",
            "127.0.0.1:6379");

    @Test
    void withoutServersNamesOnlyTheProvider() {
        assertThat(Diagnostics.describe(ProviderKind.EMBEDDED, null, null)).isEqualTo("testkit: provider embedded");
        assertThat(Diagnostics.describe(null, null, null)).isEqualTo("testkit: provider none");
    }

    @Test
    void namesEachServerAndWhatItsLogSaysSinceItBecameReady() {
        String postgresLog = "ERROR:  during initdb\nLOG:  database system is ready to accept connections\n"
                + "LOG:  checkpoint\nERROR:  relation \"pets\" does not exist\nSTATEMENT:  SELECT * FROM pets";
        String redisLog = "* Ready to accept connections tcp\n* Background saving started";

        String report = Diagnostics.describe(ProviderKind.DOCKER,
                new DescribedPostgres(POSTGRES, Optional.of(postgresLog)),
                new DescribedRedis(REDIS, Optional.of(redisLog)));

        assertThat(report).isEqualTo("""
                testkit: provider docker
                  PostgreSQL: image postgres:17-alpine, id abc123, url jdbc:postgresql://127.0.0.1:5432/testkit
                  PostgreSQL log, errors and warnings since it became ready (at most 15 lines):
                    ERROR:  relation "pets" does not exist
                    STATEMENT:  SELECT * FROM pets
                  Redis: image redis:7-alpine, id def456, address 127.0.0.1:6379
                  Redis log, errors and warnings since it became ready (at most 15 lines):
                    (no errors or warnings since the server became ready)""");
        assertThat(report).doesNotContain("never-shown");
    }

    @Test
    void saysWhenAServerHasNoLogOfItsOwn() {
        String report = Diagnostics.describe(ProviderKind.EXTERNAL, null, new DescribedRedis(REDIS, Optional.empty()));

        assertThat(report).isEqualTo("testkit: provider external\n"
                + "  Redis: image redis:7-alpine, id def456, address 127.0.0.1:6379\n"
                + "  Redis log, errors and warnings since it became ready (at most 15 lines):\n"
                + "    " + ExternalProvider.NO_LOG);
    }

    @Test
    void showsAtMostFifteenLogLines() {
        String log = IntStream.rangeClosed(1, 20).mapToObj(i -> "ERROR:  failure " + i)
                .collect(Collectors.joining("\n"));

        String report = Diagnostics.describe(ProviderKind.EMBEDDED, new DescribedPostgres(POSTGRES, Optional.of(log)),
                null);

        assertThat(report).contains("(at most 15 lines):\n    (5 earlier lines left out)\n    ERROR:  failure 6\n")
                .endsWith("    ERROR:  failure 20")
                .doesNotContain("failure 5\n");
    }
}
