package dev.cryptotracker.testkit.internal;

import dev.cryptotracker.testkit.TestkitConfig;
import java.util.concurrent.CountDownLatch;

/** A JVM that starts the embedded servers, says which processes run them, and waits to be killed. */
public final class EmbeddedJvmToKill {

    private EmbeddedJvmToKill() {
    }

    public static void main(String[] args) throws InterruptedException {
        EmbeddedProvider provider = new EmbeddedProvider(TestkitConfig.fromEnvironment());
        PostgresServer postgres = provider.startPostgres();
        RedisServer redis = provider.startRedis();
        System.out.println("READY " + postgres.describe().id() + " " + redis.describe().id());
        System.out.flush();
        new CountDownLatch(1).await();
    }
}
