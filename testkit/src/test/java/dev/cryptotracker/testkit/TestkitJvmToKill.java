package dev.cryptotracker.testkit;

import dev.cryptotracker.testkit.internal.DockerProvider;
import dev.cryptotracker.testkit.internal.RedisServer;
import dev.cryptotracker.testkit.internal.TestkitSettings;
import java.util.concurrent.CountDownLatch;

/** A JVM that starts a testkit container, says so, and waits to be killed (by {@link KilledJvmContainersIT}). */
public final class TestkitJvmToKill {

    private TestkitJvmToKill() {
    }

    public static void main(String[] args) throws InterruptedException {
        RedisServer redis = new DockerProvider(TestkitSettings.fromEnvironment()).startRedis();
        System.out.println("READY " + redis.describe().id());
        System.out.flush();
        new CountDownLatch(1).await();
    }
}
