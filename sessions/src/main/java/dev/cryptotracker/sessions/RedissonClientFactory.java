package dev.cryptotracker.sessions;

import org.redisson.Redisson;
import org.redisson.api.RedissonClient;
import org.redisson.client.codec.StringCodec;
import org.redisson.config.Config;
import org.redisson.config.ConstantDelay;
import org.redisson.config.Credentials;
import org.redisson.config.SingleServerConfig;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

/**
 * Builds the {@link RedissonClient} behind {@link RedisSessionStore} with every timeout and retry set explicitly,
 * so that a Redis outage surfaces as an error within {@link Settings#worstCaseFailureTime()} instead of whatever
 * the library defaults add up to.
 */
public final class RedissonClientFactory {

    private RedissonClientFactory() {
    }

    /**
     * Creates a client for one Redis server. The client connects lazily, so it can be built while Redis is down
     * and starts working once Redis is back.
     *
     * @param redisUri {@code redis://[[user]:password@]host:port[/database]} ({@code rediss://} for TLS)
     * @param settings timeouts and retries
     * @throws IllegalArgumentException when the URI is not a Redis URI
     */
    public static RedissonClient create(String redisUri, Settings settings) {
        Objects.requireNonNull(redisUri, "redisUri");
        Objects.requireNonNull(settings, "settings");
        URI uri;
        try {
            uri = new URI(redisUri);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("not a Redis URI: " + redisUri, e);
        }
        if (!("redis".equals(uri.getScheme()) || "rediss".equals(uri.getScheme())) || uri.getHost() == null
                || uri.getPort() < 0) {
            throw new IllegalArgumentException(
                    "Redis URI must look like redis://host:port or redis://host:port/database, was " + redisUri);
        }
        int database = 0;
        String path = uri.getPath();
        if (path != null && !path.isEmpty() && !"/".equals(path)) {
            try {
                database = Integer.parseInt(path.substring(1));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("Redis URI path must be a database index, was " + redisUri, e);
            }
        }
        Config config = new Config();
        config.setCodec(StringCodec.INSTANCE);
        config.setLazyInitialization(true);
        SingleServerConfig server = config.useSingleServer()
                .setAddress(uri.getScheme() + "://" + uri.getHost() + ":" + uri.getPort())
                .setDatabase(database)
                .setConnectTimeout(Math.toIntExact(settings.connectTimeout().toMillis()))
                .setTimeout(Math.toIntExact(settings.responseTimeout().toMillis()))
                .setRetryAttempts(settings.retryAttempts())
                .setRetryDelay(new ConstantDelay(settings.retryDelay()))
                .setConnectionMinimumIdleSize(1)
                .setConnectionPoolSize(8)
                .setSubscriptionConnectionMinimumIdleSize(0)
                .setSubscriptionConnectionPoolSize(1);
        String userInfo = uri.getUserInfo();
        if (userInfo != null && !userInfo.isEmpty()) {
            int colon = userInfo.indexOf(':');
            String username = colon > 0 ? userInfo.substring(0, colon) : null;
            String password = colon < 0 ? userInfo : userInfo.substring(colon + 1);
            Credentials credentials = new Credentials(username, password);
            server.setCredentialsResolver(address -> CompletableFuture.completedFuture(credentials));
        }
        return Redisson.create(config);
    }

    /**
     * Timeouts and retries of the client.
     *
     * @param connectTimeout  how long opening one connection may take
     * @param responseTimeout how long one command may wait for its answer once sent
     * @param retryAttempts   how often a command that could not be sent is tried again
     * @param retryDelay      the pause before each retry
     */
    public record Settings(Duration connectTimeout, Duration responseTimeout, int retryAttempts, Duration retryDelay) {

        public Settings {
            requirePositive("connectTimeout", connectTimeout);
            requirePositive("responseTimeout", responseTimeout);
            requirePositive("retryDelay", retryDelay);
            if (retryAttempts < 0) {
                throw new IllegalArgumentException("retryAttempts must not be negative, was " + retryAttempts);
            }
        }

        /** 1 s to connect, 1 s per answer, 2 retries 200 ms apart: an outage shows within 6.4 s. */
        public static Settings defaults() {
            return new Settings(Duration.ofSeconds(1), Duration.ofSeconds(1), 2, Duration.ofMillis(200));
        }

        /**
         * An upper estimate of how long a command takes to fail when Redis is gone: every attempt may spend a
         * connect and a response timeout, plus the delays between attempts.
         */
        public Duration worstCaseFailureTime() {
            int attempts = retryAttempts + 1;
            return connectTimeout.plus(responseTimeout).multipliedBy(attempts)
                    .plus(retryDelay.multipliedBy(retryAttempts));
        }

        private static void requirePositive(String name, Duration value) {
            if (value == null || value.isNegative() || value.isZero()) {
                throw new IllegalArgumentException(name + " must be positive, was " + value);
            }
        }
    }
}
