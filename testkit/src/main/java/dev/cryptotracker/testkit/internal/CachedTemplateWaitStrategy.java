package dev.cryptotracker.testkit.internal;

import org.testcontainers.postgresql.PostgreSQLContainer;
import org.testcontainers.containers.wait.strategy.AbstractWaitStrategy;
import org.testcontainers.containers.wait.strategy.LogMessageWaitStrategy;

/**
 * Waits for a container of a cached template image: its data directory exists, so the image's entrypoint starts
 * the server at once and it logs "ready to accept connections" once; then the container's new password is set
 * through the local socket (the image holds none that the testkit knows); then the server must answer a query with
 * it over the mapped port, as for any other container.
 */
final class CachedTemplateWaitStrategy extends AbstractWaitStrategy {

    @Override
    protected void waitUntilReady() {
        new LogMessageWaitStrategy().withRegEx(".*database system is ready to accept connections.*\\s")
                .withTimes(1).withStartupTimeout(startupTimeout).waitUntilReady(waitStrategyTarget);
        DockerTemplateCache.setPassword((PostgreSQLContainer) waitStrategyTarget);
        new PostgresReadyWaitStrategy().withStartupTimeout(startupTimeout).waitUntilReady(waitStrategyTarget);
    }
}
