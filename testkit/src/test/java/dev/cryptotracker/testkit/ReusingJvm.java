package dev.cryptotracker.testkit;

import dev.cryptotracker.testkit.internal.DockerProvider;
import dev.cryptotracker.testkit.internal.RedisServer;
import dev.cryptotracker.testkit.internal.TestkitSettings;

/** A JVM that starts the testkit's Redis with reuse on, prints its container id, closes it and ends. */
public final class ReusingJvm {

    private ReusingJvm() {
    }

    public static void main(String[] args) {
        try (RedisServer redis = new DockerProvider(TestkitSettings.fromEnvironment()).startRedis()) {
            System.out.println("STARTED " + redis.describe().id());
        }
        System.exit(0);
    }
}
