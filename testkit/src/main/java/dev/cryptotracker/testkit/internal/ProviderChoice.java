package dev.cryptotracker.testkit.internal;

import java.util.Locale;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Picks the provider from {@code testkit.provider}: {@code docker}, or {@code auto} (the default). */
public class ProviderChoice {

    private static final Logger log = LoggerFactory.getLogger(ProviderChoice.class);

    public ServerProvider choose(TestkitSettings settings) {
        String name = settings.get(TestkitSettings.PROVIDER, "auto").toLowerCase(Locale.ROOT);
        switch (name) {
            case "docker" -> {
                requireDocker();
                return new DockerProvider(settings);
            }
            case "auto" -> {
                requireDocker();
                log.info("testkit provider: docker (testkit.provider=auto and Docker is reachable)");
                return new DockerProvider(settings);
            }
            default -> throw new ExtensionConfigurationException("testkit.provider is '" + name
                    + "'; use one of: auto, docker");
        }
    }

    static void requireDocker() {
        if (!DockerProvider.dockerReachable()) {
            String host = System.getenv("DOCKER_HOST");
            throw new ExtensionConfigurationException("Docker is not reachable"
                    + (host == null ? "" : " at DOCKER_HOST=" + host)
                    + "; start Docker (for example: dockerd &), or point DOCKER_HOST at a running engine");
        }
    }
}
