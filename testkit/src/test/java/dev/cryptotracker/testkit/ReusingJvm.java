package dev.cryptotracker.testkit;

/** A JVM that starts the testkit's Redis with reuse on, prints its container id, closes it and ends. */
public final class ReusingJvm {

    private ReusingJvm() {
    }

    public static void main(String[] args) {
        TestkitConfig config = TestkitConfig.fromEnvironment().withProvider(ProviderKind.DOCKER);
        try (TestkitServers servers = TestkitServers.start(config, Service.REDIS)) {
            System.out.println("STARTED " + servers.runningServers().redis().id());
        }
        System.exit(0);
    }
}
