package dev.cryptotracker.testkit.internal;

import dev.cryptotracker.testkit.ProviderKind;
import dev.cryptotracker.testkit.TestkitConfig;
import dev.cryptotracker.testkit.TestkitConfigurationException;
import java.util.Optional;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Picks the provider from {@code testkit.provider}: {@code docker}, {@code embedded}, {@code external}, or
 * {@code auto}, which takes Docker when it answers and has (or can pull) the images, and the embedded servers
 * otherwise. Logs one line saying which provider runs and why.
 */
public class ProviderChoice {

    private static final Logger log = LoggerFactory.getLogger(ProviderChoice.class);

    private final DockerProbe docker;
    private final Function<TestkitConfig, ServerProvider> dockerProvider;
    private final Function<TestkitConfig, ServerProvider> embeddedProvider;
    private final Function<TestkitConfig, ServerProvider> externalProvider;

    /** A choice that probes this machine's Docker and creates real providers. */
    public ProviderChoice() {
        this(new DockerProbe(), DockerProvider::new, EmbeddedProvider::new, ExternalProvider::new);
    }

    ProviderChoice(DockerProbe docker, Function<TestkitConfig, ServerProvider> dockerProvider,
                   Function<TestkitConfig, ServerProvider> embeddedProvider,
                   Function<TestkitConfig, ServerProvider> externalProvider) {
        this.docker = docker;
        this.dockerProvider = dockerProvider;
        this.embeddedProvider = embeddedProvider;
        this.externalProvider = externalProvider;
    }

    /**
     * Decides on a provider, logs the decision and creates the provider.
     *
     * @throws TestkitConfigurationException when the setting names Docker and Docker does not answer
     */
    public ServerProvider choose(TestkitConfig config) {
        Decision decision = decide(config);
        log.info("testkit provider: {} ({})", decision.provider(), decision.reason());
        return switch (decision.provider()) {
            case DOCKER -> dockerProvider.apply(config);
            case EMBEDDED -> embeddedProvider.apply(config);
            case EXTERNAL -> externalProvider.apply(config);
            case AUTO -> throw new IllegalStateException("auto is decided, never run");
        };
    }

    public Decision decide(TestkitConfig config) {
        ProviderKind configured = config.provider();
        String setting = "testkit.provider=" + configured;
        return switch (configured) {
            case DOCKER -> {
                docker.unreachable().ifPresent(reason -> {
                    throw new TestkitConfigurationException(reason + "; start Docker (for example: dockerd &), "
                            + "point DOCKER_HOST at a running engine, or run with -Dtestkit.provider=embedded");
                });
                yield new Decision(ProviderKind.DOCKER, setting);
            }
            case EMBEDDED, EXTERNAL -> new Decision(configured, setting);
            case AUTO -> {
                Optional<String> unreachable = docker.unreachable();
                if (unreachable.isPresent()) {
                    yield new Decision(ProviderKind.EMBEDDED, setting + " and " + unreachable.get());
                }
                Optional<String> missing = docker.unavailableImage(docker.imagesNeeded(config));
                if (missing.isPresent()) {
                    yield new Decision(ProviderKind.EMBEDDED, setting + " and Docker answers, but " + missing.get());
                }
                yield new Decision(ProviderKind.DOCKER, setting + ", Docker answers and has the images");
            }
        };
    }

    /**
     * Which provider runs, and why, as logged.
     *
     * @param provider the provider that runs; never {@code AUTO}
     * @param reason   the setting and, for {@code auto}, what was found
     */
    public record Decision(ProviderKind provider, String reason) {
    }
}
