package dev.cryptotracker.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** What the test classes of this JVM saw, so that each class can check it got the servers the others got. */
final class SeenServers {

    private static final Map<String, String> FIRST_SEEN = new ConcurrentHashMap<>();
    private static final Map<String, Integer> CLASSES = new ConcurrentHashMap<>();

    private SeenServers() {
    }

    /** Records what a class saw and checks it against what every earlier class saw. */
    static void record(Class<?> testClass, RunningServers servers) {
        assertThat(servers.postgres()).as("PostgreSQL server").isNotNull();
        assertThat(servers.redis()).as("Redis server").isNotNull();
        check("postgres", servers.postgres().id());
        check("redis", servers.redis().id());
        CLASSES.merge(testClass.getName(), 1, Integer::sum);
    }

    private static void check(String service, String id) {
        String first = FIRST_SEEN.putIfAbsent(service, id);
        assertThat(id).as("%s server seen by this class (earlier classes: %s)", service, CLASSES.keySet())
                .isEqualTo(first == null ? id : first);
    }

    static int classesRecorded() {
        return CLASSES.size();
    }
}
