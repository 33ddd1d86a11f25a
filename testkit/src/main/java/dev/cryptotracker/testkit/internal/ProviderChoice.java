package dev.cryptotracker.testkit.internal;

import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Picks the provider from {@code testkit.provider}: {@code docker}, {@code embedded}, {@code external}, or
 * {@code auto} (the default), which takes Docker when it answers and has (or can pull) the images, and the
 * embedded servers otherwise. Logs one line saying which provider runs and why.
 */
public class ProviderChoice {

    private static final Logger log = LoggerFactory.getLogger(ProviderChoice.class);

    private final DockerProbe docker;
    private final Function<TestkitSettings, ServerProvider> dockerProvider;
    private final Function<TestkitSettings, ServerProvider> embeddedProvider;
    private final Function<TestkitSettings, ServerProvider> externalProvider;

    /** A choice that probes this machine's Docker and starts real providers. */
    public ProviderChoice() {
        this(new DockerProbe(), DockerProvider::new, EmbeddedProvider::new, ExternalProvider::new);
    }

    ProviderChoice(DockerProbe docker, Function<TestkitSettings, ServerProvider> dockerProvider,
                   Function<TestkitSettings, ServerProvider> embeddedProvider,
                   Function<TestkitSettings, ServerProvider> externalProvider) {
        this.docker = docker;
        this.dockerProvider = dockerProvider;
        this.embeddedProvider = embeddedProvider;
        this.externalProvider = externalProvider;
    }

    /**
     * Decides on a provider, logs the decision and creates the provider.
     *
     * @param settings the testkit's settings
     * @return the provider that starts this JVM's servers
     * @throws ExtensionConfigurationException when the setting names no provider, or names Docker and Docker
     *                                         does not answer
     */
    public ServerProvider choose(TestkitSettings settings) {
        Decision decision = decide(settings);
        log.info("testkit provider: {} ({})", decision.provider(), decision.reason());
        return switch (decision.provider()) {
            case "docker" -> dockerProvider.apply(settings);
            case "embedded" -> embeddedProvider.apply(settings);
            case "external" -> externalProvider.apply(settings);
            default -> throw new IllegalStateException("no provider named " + decision.provider());
        };
    }

    Decision decide(TestkitSettings settings) {
        String name = settings.get(TestkitSettings.PROVIDER, "auto").toLowerCase(Locale.ROOT);
        switch (name) {
            case "docker" -> {
                docker.unreachable().ifPresent(reason -> {
                    throw new ExtensionConfigurationException(reason + "; start Docker (for example: dockerd &), "
                            + "point DOCKER_HOST at a running engine, or run with -Dtestkit.provider=embedded");
                });
                return new Decision("docker", "testkit.provider=docker");
            }
            case "embedded", "external" -> {
                return new Decision(name, "testkit.provider=" + name);
            }
            case "auto" -> {
                Optional<String> unreachable = docker.unreachable();
                if (unreachable.isPresent()) {
                    return new Decision("embedded", "testkit.provider=auto and " + unreachable.get());
                }
                Optional<String> missing = docker.unavailableImage(docker.imagesNeeded(settings));
                if (missing.isPresent()) {
                    return new Decision("embedded", "testkit.provider=auto and Docker answers, but "
                            + missing.get());
                }
                return new Decision("docker", "testkit.provider=auto, Docker answers and has the images");
            }
            default -> throw new ExtensionConfigurationException("testkit.provider is '" + name
                    + "'; use one of: auto, docker, embedded, external");
        }
    }

    /** Which provider runs, and why, as logged. */
    record Decision(String provider, String reason) {
    }
}
