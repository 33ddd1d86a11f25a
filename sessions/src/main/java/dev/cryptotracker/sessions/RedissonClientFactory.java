package dev.cryptotracker.sessions;

import org.redisson.Redisson;
import org.redisson.api.RedissonClient;
import org.redisson.client.codec.StringCodec;
import org.redisson.config.Config;
import org.redisson.config.ConstantDelay;

import java.time.Duration;
import java.util.Objects;

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
     * @param address  {@code redis://host:port}
     * @param settings timeouts and retries
     */
    public static RedissonClient create(String address, Settings settings) {
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(settings, "settings");
        Config config = new Config();
        config.setCodec(StringCodec.INSTANCE);
        config.setLazyInitialization(true);
        config.useSingleServer()
                .setAddress(address)
                .setConnectTimeout(Math.toIntExact(settings.connectTimeout().toMillis()))
                .setTimeout(Math.toIntExact(settings.responseTimeout().toMillis()))
                .setRetryAttempts(settings.retryAttempts())
                .setRetryDelay(new ConstantDelay(settings.retryDelay()))
                .setConnectionMinimumIdleSize(1)
                .setConnectionPoolSize(8)
                .setSubscriptionConnectionMinimumIdleSize(0)
                .setSubscriptionConnectionPoolSize(1);
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
