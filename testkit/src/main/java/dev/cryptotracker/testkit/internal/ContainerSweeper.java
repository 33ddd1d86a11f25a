package dev.cryptotracker.testkit.internal;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.Container;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testcontainers.DockerClientFactory;

/**
 * Removes containers that the testkit started from a JVM that is gone (killed with {@code kill -9}, say), where
 * Ryuk is disabled or unavailable and nobody else would. Only containers labelled with this host's name and a
 * process id that no longer runs here are touched.
 */
public final class ContainerSweeper {

    static final String LABEL = "dev.cryptotracker.testkit";
    static final String PID_LABEL = LABEL + ".pid";
    static final String HOST_LABEL = LABEL + ".host";

    private static final Logger log = LoggerFactory.getLogger(ContainerSweeper.class);

    private ContainerSweeper() {
    }

    /** The labels that mark a container as started by the testkit in the JVM with this process id, on this host. */
    public static Map<String, String> labels(long pid) {
        return Map.of(LABEL, "true", PID_LABEL, String.valueOf(pid), HOST_LABEL, JvmIdentity.host());
    }

    /**
     * Removes the testkit's containers whose JVM is gone.
     *
     * @return how many containers were removed
     */
    public static int removeContainersOfDeadJvms() {
        try {
            DockerClient client = DockerClientFactory.instance().client();
            List<Container> containers = client.listContainersCmd().withShowAll(true)
                    .withLabelFilter(Map.of(LABEL, "true", HOST_LABEL, JvmIdentity.host())).exec();
            int removed = 0;
            for (Container container : containers) {
                String pid = container.getLabels().get(PID_LABEL);
                if (pid != null && !JvmIdentity.alive(pid)) {
                    client.removeContainerCmd(container.getId()).withForce(true).withRemoveVolumes(true).exec();
                    removed++;
                    log.info("Removed container {} left by JVM {}, which is gone", DockerProvider.shortId(
                            container.getId()), pid);
                }
            }
            return removed;
        } catch (RuntimeException e) {
            log.warn("Could not look for containers left by earlier test JVMs: {}", e.toString());
            return 0;
        }
    }
}
