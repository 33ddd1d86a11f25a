package dev.cryptotracker.testkit.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cryptotracker.testkit.ProviderKind;
import dev.cryptotracker.testkit.TestkitConfig;
import dev.cryptotracker.testkit.TestkitConfigurationException;
import dev.cryptotracker.testkit.internal.ProviderChoice.Decision;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class ProviderChoiceTest {

    private static final String ABSENT = "Docker is not reachable at DOCKER_HOST=unix:///nonexistent.sock (no such socket)";

    @Test
    void autoPicksDockerWhenItAnswersAndHasTheImages() {
        FakeDocker docker = new FakeDocker(Optional.empty(), Optional.empty());

        Decision decision = choice(docker).decide(settings(Map.of()));

        assertThat(decision.provider()).isEqualTo(ProviderKind.DOCKER);
        assertThat(decision.reason()).isEqualTo("testkit.provider=auto, Docker answers and has the images");
        assertThat(docker.imagesAskedFor).containsExactly(List.of("postgres:17-alpine", "redis:7-alpine"));
    }

    @Test
    void autoPicksEmbeddedAndSaysWhyWhenDockerIsAbsent() {
        FakeDocker docker = new FakeDocker(Optional.of(ABSENT), Optional.empty());

        Decision decision = choice(docker).decide(settings(Map.of("testkit.provider", "auto")));

        assertThat(decision.provider()).isEqualTo(ProviderKind.EMBEDDED);
        assertThat(decision.reason()).isEqualTo("testkit.provider=auto and " + ABSENT);
        assertThat(docker.imagesAskedFor).as("no image looked for without Docker").isEmpty();
    }

    @Test
    void autoPicksEmbeddedWhenDockerCannotHaveAnImage() {
        FakeDocker docker = new FakeDocker(Optional.empty(),
                Optional.of("image postgres:17-alpine is neither present in Docker nor pullable (no such host)"));

        Decision decision = choice(docker).decide(settings(Map.of()));

        assertThat(decision.provider()).isEqualTo(ProviderKind.EMBEDDED);
        assertThat(decision.reason()).isEqualTo("testkit.provider=auto and Docker answers, but image "
                + "postgres:17-alpine is neither present in Docker nor pullable (no such host)");
    }

    @Test
    void autoLooksForTheConfiguredImages() {
        FakeDocker docker = new FakeDocker(Optional.empty(), Optional.empty());

        choice(docker).decide(settings(Map.of("testkit.postgres.image", "crypto-tracker/postgres:15-bookworm",
                "testkit.redis.image", "crypto-tracker/redis:7-bookworm")));

        assertThat(docker.imagesAskedFor).containsExactly(
                List.of("crypto-tracker/postgres:15-bookworm", "crypto-tracker/redis:7-bookworm"));
    }

    @Test
    void explicitDockerFailsFastNamingTheFixWhenDockerIsAbsent() {
        FakeDocker docker = new FakeDocker(Optional.of(ABSENT), Optional.empty());

        assertThatThrownBy(() -> choice(docker).decide(settings(Map.of("testkit.provider", "docker"))))
                .isInstanceOf(TestkitConfigurationException.class)
                .hasMessageStartingWith(ABSENT)
                .hasMessageContaining("run with -Dtestkit.provider=embedded");
    }

    @Test
    void explicitDockerDoesNotFallBackWhenAnImageIsMissing() {
        FakeDocker docker = new FakeDocker(Optional.empty(), Optional.of("image x is neither present nor pullable"));

        assertThat(choice(docker).decide(settings(Map.of("testkit.provider", "docker"))).provider())
                .isEqualTo(ProviderKind.DOCKER);
    }

    @Test
    void embeddedAndExternalNeverAskDocker() {
        FakeDocker docker = new FakeDocker(Optional.of(ABSENT), Optional.of("never asked"));

        assertThat(choice(docker).decide(settings(Map.of("testkit.provider", "embedded"))))
                .isEqualTo(new Decision(ProviderKind.EMBEDDED, "testkit.provider=embedded"));
        assertThat(choice(docker).decide(settings(Map.of("testkit.provider", "EXTERNAL"))))
                .isEqualTo(new Decision(ProviderKind.EXTERNAL, "testkit.provider=external"));
        assertThat(docker.reachabilityChecks).isZero();
    }

    @Test
    void environmentVariableChoosesWhenNoSystemPropertyIsSet() {
        TestkitConfig settings = TestkitConfig.from(Map.of(), Map.of("TESTKIT_PROVIDER", "embedded"),
                new Properties());

        assertThat(choice(new FakeDocker(Optional.empty(), Optional.empty())).decide(settings).provider())
                .isEqualTo(ProviderKind.EMBEDDED);
    }

    @Test
    void rejectsAnUnknownProviderListingTheKnownOnesBeforeAnythingIsChosen() {
        assertThatThrownBy(() -> settings(Map.of("testkit.provider", "podman")))
                .isInstanceOf(TestkitConfigurationException.class)
                .hasMessage("testkit.provider is 'podman' (system property -Dtestkit.provider): use one of: auto, "
                        + "docker, embedded, external");
    }

    @Test
    void createsTheProviderItDecidedOn() {
        ServerProvider embedded = new NamedProvider(ProviderKind.EMBEDDED);
        ProviderChoice choice = new ProviderChoice(new FakeDocker(Optional.of(ABSENT), Optional.empty()),
                s -> new NamedProvider(ProviderKind.DOCKER), s -> embedded, s -> new NamedProvider(ProviderKind.EXTERNAL));

        assertThat(choice.choose(settings(Map.of()))).isSameAs(embedded);
    }

    private static ProviderChoice choice(FakeDocker docker) {
        return new ProviderChoice(docker, s -> new NamedProvider(ProviderKind.DOCKER),
                s -> new NamedProvider(ProviderKind.EMBEDDED), s -> new NamedProvider(ProviderKind.EXTERNAL));
    }

    private static TestkitConfig settings(Map<String, String> systemProperties) {
        return TestkitConfig.from(systemProperties, Map.of("TESTCONTAINERS_RYUK_DISABLED", "true"),
                new Properties());
    }

    /** Docker as the test says it is; Ryuk counts as disabled so that only the testkit's images are asked for. */
    private static final class FakeDocker extends DockerProbe {

        private final Optional<String> unreachable;
        private final Optional<String> unavailableImage;
        private final List<List<String>> imagesAskedFor = new ArrayList<>();
        private int reachabilityChecks;

        FakeDocker(Optional<String> unreachable, Optional<String> unavailableImage) {
            super(Map.of("TESTCONTAINERS_RYUK_DISABLED", "true")::get);
            this.unreachable = unreachable;
            this.unavailableImage = unavailableImage;
        }

        @Override
        Optional<String> unreachable() {
            reachabilityChecks++;
            return unreachable;
        }

        @Override
        Optional<String> unavailableImage(List<String> images) {
            imagesAskedFor.add(images);
            return unavailableImage;
        }
    }

    private record NamedProvider(ProviderKind kind) implements ServerProvider {

        @Override
        public void sweepLeftovers() {
        }

        @Override
        public PostgresServer startPostgres() {
            throw new UnsupportedOperationException("not started in this test");
        }

        @Override
        public RedisServer startRedis() {
            throw new UnsupportedOperationException("not started in this test");
        }
    }
}
