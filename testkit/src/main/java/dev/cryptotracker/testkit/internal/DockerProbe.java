package dev.cryptotracker.testkit.internal;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.PullImageResultCallback;
import com.github.dockerjava.api.exception.NotFoundException;
import dev.cryptotracker.testkit.TestkitConfig;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.StandardProtocolFamily;
import java.net.URI;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.dockerclient.DockerClientProviderStrategy;
import org.testcontainers.dockerclient.TransportConfig;
import org.testcontainers.utility.DockerImageName;
import org.testcontainers.utility.ImageNameSubstitutor;
import org.testcontainers.utility.TestcontainersConfiguration;

/**
 * Finds out, without starting any container, whether Docker can run the testkit's servers: whether an engine
 * answers, and whether the images are present or can be pulled.
 *
 * <p>An explicitly set {@code DOCKER_HOST} that does not answer counts as "Docker absent": Testcontainers would
 * otherwise fall back to the strategy it cached in {@code ~/.testcontainers.properties}, typically
 * {@code /var/run/docker.sock}, and use a Docker the user pointed away from. Unlike
 * {@code DockerClientFactory.isDockerAvailable()}, this never starts Ryuk, so it cannot hang on pulling Ryuk's
 * image from a registry that does not answer.
 */
class DockerProbe {

    private static final Logger log = LoggerFactory.getLogger(DockerProbe.class);
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(3);
    private static final Duration PULL_TIMEOUT = Duration.ofSeconds(60);

    private final Function<String, String> environment;

    DockerProbe() {
        this(System::getenv);
    }

    DockerProbe(Function<String, String> environment) {
        this.environment = environment;
    }

    /**
     * Why Docker cannot be used, or empty when an engine answers.
     *
     * @return a reason naming where Docker was looked for, for a log line or an error message
     */
    Optional<String> unreachable() {
        String dockerHost = environment.apply("DOCKER_HOST");
        if (dockerHost != null && !dockerHost.isBlank()) {
            Optional<String> problem = explicitHostProblem(dockerHost.trim());
            if (problem.isPresent()) {
                return problem;
            }
        }
        try {
            TransportConfig transport = DockerClientFactory.instance().getTransportConfig();
            log.debug("Docker answers at {}", transport.getDockerHost());
            return Optional.empty();
        } catch (RuntimeException | LinkageError e) {
            log.debug("Docker is not reachable", e);
            return Optional.of("Docker is not reachable" + (dockerHost == null ? "" : " at DOCKER_HOST=" + dockerHost)
                    + " (" + e.getMessage() + ")");
        }
    }

    /** Checks that the socket or port named by an explicit {@code DOCKER_HOST} accepts a connection. */
    Optional<String> explicitHostProblem(String dockerHost) {
        URI uri;
        try {
            uri = URI.create(dockerHost);
        } catch (IllegalArgumentException e) {
            return Optional.of("DOCKER_HOST=" + dockerHost + " is not a valid URI");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        switch (scheme) {
            case "unix" -> {
                Path socket = Path.of(uri.getPath());
                if (!Files.exists(socket)) {
                    return Optional.of("Docker is not reachable at DOCKER_HOST=" + dockerHost + " (no such socket)");
                }
                try (SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX)) {
                    channel.connect(UnixDomainSocketAddress.of(socket));
                    return Optional.empty();
                } catch (IOException | UnsupportedOperationException e) {
                    return Optional.of("Docker is not reachable at DOCKER_HOST=" + dockerHost + " (" + e + ")");
                }
            }
            case "tcp", "http", "https" -> {
                int port = uri.getPort() == -1 ? 2375 : uri.getPort();
                try (Socket socket = new Socket()) {
                    socket.connect(new InetSocketAddress(uri.getHost(), port), (int) CONNECT_TIMEOUT.toMillis());
                    return Optional.empty();
                } catch (IOException | IllegalArgumentException e) {
                    return Optional.of("Docker is not reachable at DOCKER_HOST=" + dockerHost + " (" + e + ")");
                }
            }
            default -> {
                // npipe://, ssh:// and the like: leave them to Testcontainers.
                return Optional.empty();
            }
        }
    }

    /**
     * The images Docker needs for the testkit's containers, with the ones Testcontainers itself starts: Ryuk
     * unless {@code TESTCONTAINERS_RYUK_DISABLED=true}.
     */
    List<String> imagesNeeded(TestkitConfig config) {
        List<String> images = new ArrayList<>(List.of(config.postgresImage(), config.redisImage()));
        if (!Boolean.parseBoolean(environment.apply("TESTCONTAINERS_RYUK_DISABLED"))) {
            images.add(TestcontainersConfiguration.getInstance().getRyukImage());
        }
        return images;
    }

    /**
     * Why one of the images cannot be had, or empty when every one is present or was just pulled. Call only
     * after {@link #unreachable()} found Docker.
     *
     * @param images image names as configured; Testcontainers' image name substitution applies
     * @return the first image that is neither present nor pullable, with the pull's error
     */
    Optional<String> unavailableImage(List<String> images) {
        DockerClient client;
        try {
            client = DockerClientProviderStrategy.getClientForConfig(DockerClientFactory.instance()
                    .getTransportConfig());
        } catch (RuntimeException e) {
            return Optional.of("Docker stopped answering (" + e.getMessage() + ")");
        }
        for (String image : images) {
            String name;
            try {
                name = ImageNameSubstitutor.instance().apply(DockerImageName.parse(image)).asCanonicalNameString();
            } catch (RuntimeException e) {
                return Optional.of("image name " + image + " is not valid (" + e.getMessage() + ")");
            }
            if (present(client, name)) {
                continue;
            }
            Optional<String> pullProblem = pull(client, name);
            if (pullProblem.isPresent()) {
                return Optional.of("image " + name + " is neither present in Docker nor pullable ("
                        + pullProblem.get() + ")");
            }
        }
        return Optional.empty();
    }

    private static boolean present(DockerClient client, String name) {
        try {
            client.inspectImageCmd(name).exec();
            return true;
        } catch (NotFoundException e) {
            return false;
        }
    }

    private static Optional<String> pull(DockerClient client, String name) {
        log.info("Pulling image {} to see whether Docker can run the testkit's servers", name);
        try {
            boolean done = client.pullImageCmd(name).exec(new PullImageResultCallback())
                    .awaitCompletion(PULL_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            if (!done) {
                return Optional.of("no answer within " + PULL_TIMEOUT.toSeconds() + " s");
            }
            return present(client, name) ? Optional.empty() : Optional.of("the pull finished without the image");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.of("interrupted");
        } catch (RuntimeException e) {
            return Optional.of(firstLine(e.getMessage()));
        }
    }

    private static String firstLine(String text) {
        return text == null ? "unknown error" : text.lines().findFirst().orElse(text);
    }
}
