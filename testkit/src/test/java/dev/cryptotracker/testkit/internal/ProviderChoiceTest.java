package dev.cryptotracker.testkit.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cryptotracker.testkit.internal.ProviderChoice.Decision;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;

class ProviderChoiceTest {

    private static final String ABSENT = "Docker is not reachable at DOCKER_HOST=unix:///nonexistent.sock (no such socket)";

    @Test
    void autoPicksDockerWhenItAnswersAndHasTheImages() {
        FakeDocker docker = new FakeDocker(Optional.empty(), Optional.empty());

        Decision decision = choice(docker).decide(settings(Map.of()));

        assertThat(decision.provider()).isEqualTo("docker");
        assertThat(decision.reason()).isEqualTo("testkit.provider=auto, Docker answers and has the images");
        assertThat(docker.imagesAskedFor).containsExactly(List.of("postgres:17-alpine", "redis:7-alpine"));
    }

    @Test
    void autoPicksEmbeddedAndSaysWhyWhenDockerIsAbsent() {
        FakeDocker docker = new FakeDocker(Optional.of(ABSENT), Optional.empty());

        Decision decision = choice(docker).decide(settings(Map.of("testkit.provider", "auto")));

        assertThat(decision.provider()).isEqualTo("embedded");
        assertThat(decision.reason()).isEqualTo("testkit.provider=auto and " + ABSENT);
        assertThat(docker.imagesAskedFor).as("no image looked for without Docker").isEmpty();
    }

    @Test
    void autoPicksEmbeddedWhenDockerCannotHaveAnImage() {
        FakeDocker docker = new FakeDocker(Optional.empty(),
                Optional.of("image postgres:17-alpine is neither present in Docker nor pullable (no such host)"));

        Decision decision = choice(docker).decide(settings(Map.of()));

        assertThat(decision.provider()).isEqualTo("embedded");
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
                .isInstanceOf(ExtensionConfigurationException.class)
                .hasMessageStartingWith(ABSENT)
                .hasMessageContaining("run with -Dtestkit.provider=embedded");
    }

    @Test
    void explicitDockerDoesNotFallBackWhenAnImageIsMissing() {
        FakeDocker docker = new FakeDocker(Optional.empty(), Optional.of("image x is neither present nor pullable"));

        assertThat(choice(docker).decide(settings(Map.of("testkit.provider", "docker"))).provider())
                .isEqualTo("docker");
    }

    @Test
    void embeddedAndExternalNeverAskDocker() {
        FakeDocker docker = new FakeDocker(Optional.of(ABSENT), Optional.of("never asked"));

        assertThat(choice(docker).decide(settings(Map.of("testkit.provider", "embedded"))))
                .isEqualTo(new Decision("embedded", "testkit.provider=embedded"));
        assertThat(choice(docker).decide(settings(Map.of("testkit.provider", "EXTERNAL"))))
                .isEqualTo(new Decision("external", "testkit.provider=external"));
        assertThat(docker.reachabilityChecks).isZero();
    }

    @Test
    void environmentVariableChoosesWhenNoSystemPropertyIsSet() {
        TestkitSettings settings = TestkitSettings.of(Map.of(), Map.of("TESTKIT_PROVIDER", "embedded"),
                new Properties());

        assertThat(choice(new FakeDocker(Optional.empty(), Optional.empty())).decide(settings).provider())
                .isEqualTo("embedded");
    }

    @Test
    void rejectsAnUnknownProviderListingTheKnownOnes() {
        assertThatThrownBy(() -> choice(new FakeDocker(Optional.empty(), Optional.empty()))
                .decide(settings(Map.of("testkit.provider", "podman"))))
                .isInstanceOf(ExtensionConfigurationException.class)
                .hasMessage("testkit.provider is 'podman'; use one of: auto, docker, embedded, external");
    }

    @Test
    void createsTheProviderItDecidedOn() {
        ServerProvider embedded = new NamedProvider("embedded");
        ProviderChoice choice = new ProviderChoice(new FakeDocker(Optional.of(ABSENT), Optional.empty()),
                s -> new NamedProvider("docker"), s -> embedded, s -> new NamedProvider("external"));

        assertThat(choice.choose(settings(Map.of()))).isSameAs(embedded);
    }

    private static ProviderChoice choice(FakeDocker docker) {
        return new ProviderChoice(docker, s -> new NamedProvider("docker"), s -> new NamedProvider("embedded"),
                s -> new NamedProvider("external"));
    }

    private static TestkitSettings settings(Map<String, String> systemProperties) {
        return TestkitSettings.of(systemProperties, Map.of("TESTCONTAINERS_RYUK_DISABLED", "true"),
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

    private record NamedProvider(String name) implements ServerProvider {

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
