package dev.cryptotracker.testkit.internal;

import dev.cryptotracker.testkit.ProviderKind;
import dev.cryptotracker.testkit.RunningServers;
import dev.cryptotracker.testkit.Service;
import dev.cryptotracker.testkit.TestkitConfig;
import dev.cryptotracker.testkit.TestkitConfigurationException;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This JVM's servers: the provider is chosen, and leftovers of dead JVMs swept, when the first server is needed;
 * each server is started at most once, both at the same time when both are needed. A failure is remembered: once a
 * server could not start (or its database could not be migrated, or it died), every later request for it fails at
 * once with the original cause instead of trying again or failing with a follow-on error.
 */
final class StartedServers implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(StartedServers.class);

    private final TestkitConfig config;
    private final ProviderChoice choice;
    private ServerProvider provider;
    private PostgresServer postgres;
    private RedisServer redis;
    private final Map<Service, RuntimeException> failures = new EnumMap<>(Service.class);

    StartedServers(TestkitConfig config, ProviderChoice choice) {
        this.config = config;
        this.choice = choice;
    }

    /**
     * Starts what is asked for and not running yet.
     *
     * @return the services started by this call
     */
    synchronized Set<Service> start(Set<Service> services) {
        services.forEach(this::throwIfFailed);
        boolean needPostgres = services.contains(Service.POSTGRES) && postgres == null;
        boolean needRedis = services.contains(Service.REDIS) && redis == null;
        Set<Service> started = EnumSet.noneOf(Service.class);
        if (!needPostgres && !needRedis) {
            return started;
        }
        ServerProvider chosen = provider();
        CompletableFuture<PostgresServer> pg = needPostgres
                ? CompletableFuture.supplyAsync(chosen::startPostgres) : CompletableFuture.completedFuture(null);
        CompletableFuture<RedisServer> rd = needRedis
                ? CompletableFuture.supplyAsync(chosen::startRedis) : CompletableFuture.completedFuture(null);
        RuntimeException failure = null;
        try {
            if (needPostgres) {
                postgres = awaitStart(pg);
                started.add(Service.POSTGRES);
            }
        } catch (RuntimeException e) {
            failures.put(Service.POSTGRES, e);
            failure = e;
        }
        try {
            if (needRedis) {
                redis = awaitStart(rd);
                started.add(Service.REDIS);
            }
        } catch (RuntimeException e) {
            failures.put(Service.REDIS, e);
            failure = failure == null ? e : failure;
        }
        if (failure != null) {
            throw failure;
        }
        return started;
    }

    private ServerProvider provider() {
        if (provider == null) {
            try {
                provider = choice.choose(config);
            } catch (RuntimeException e) {
                // Without a provider neither server can run.
                failures.put(Service.POSTGRES, e);
                failures.put(Service.REDIS, e);
                throw e;
            }
            provider.sweepLeftovers();
        }
        return provider;
    }

    private static <T> T awaitStart(CompletableFuture<T> start) {
        try {
            return start.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException runtime ? runtime : e;
        }
    }

    /** Remembers that a service can no longer be used, for every later request. */
    synchronized void fail(Service service, RuntimeException cause) {
        failures.putIfAbsent(service, cause);
    }

    synchronized void throwIfFailed(Service service) {
        RuntimeException original = failures.get(service);
        if (original == null) {
            return;
        }
        String message = "the testkit's " + (service == Service.POSTGRES ? "PostgreSQL" : "Redis")
                + " failed earlier in this JVM, so no test that needs it can run; the first failure was: "
                + original.getMessage();
        throw original instanceof TestkitConfigurationException
                ? new TestkitConfigurationException(message, original) : new IllegalStateException(message, original);
    }

    /** Why a started server no longer runs, or empty when it runs (or the provider cannot tell). */
    synchronized Optional<String> death(Service service) {
        return service == Service.POSTGRES ? Optional.ofNullable(postgres).flatMap(PostgresServer::death)
                : Optional.ofNullable(redis).flatMap(RedisServer::death);
    }

    synchronized PostgresServer postgres() {
        return postgres;
    }

    synchronized RedisServer redis() {
        return redis;
    }

    synchronized ProviderKind kind() {
        return provider == null ? null : provider.kind();
    }

    synchronized RunningServers describe() {
        return new RunningServers(kind(), postgres == null ? null : postgres.describe(),
                redis == null ? null : redis.describe());
    }

    @Override
    public synchronized void close() {
        closeQuietly(redis);
        closeQuietly(postgres);
        redis = null;
        postgres = null;
    }

    private static void closeQuietly(AutoCloseable server) {
        if (server == null) {
            return;
        }
        try {
            server.close();
        } catch (Exception e) {
            log.warn("Could not close {}: {}", server, e.toString());
        }
    }
}
