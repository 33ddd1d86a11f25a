package dev.cryptotracker.testkit;

import java.util.concurrent.CountDownLatch;

/** A JVM that starts a testkit container, says so, and waits to be killed (by {@link KilledJvmContainersIT}). */
public final class TestkitJvmToKill {

    private TestkitJvmToKill() {
    }

    public static void main(String[] args) throws InterruptedException {
        TestkitServers servers = TestkitServers.start(TestkitConfig.fromEnvironment().withProvider(ProviderKind.DOCKER),
                Service.REDIS);
        System.out.println("READY " + servers.runningServers().redis().id());
        System.out.flush();
        new CountDownLatch(1).await();
    }
}
