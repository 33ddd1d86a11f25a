package dev.cryptotracker.sessions;

import dev.cryptotracker.sessions.RedissonClientFactory.Settings;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RedissonClientFactoryTest {

    @Test
    void boundsTheFailureTimeOfTheDefaults() {
        assertThat(Settings.defaults().worstCaseFailureTime()).isEqualTo(Duration.ofMillis(6_400));
    }

    @Test
    void addsConnectAndResponseTimeoutPerAttemptAndTheDelaysBetween() {
        Settings settings = new Settings(Duration.ofMillis(100), Duration.ofMillis(300), 3, Duration.ofMillis(50));

        assertThat(settings.worstCaseFailureTime()).isEqualTo(Duration.ofMillis(4 * 400 + 3 * 50));
    }

    @Test
    void rejectsNonPositiveTimeouts() {
        assertThatThrownBy(() -> new Settings(Duration.ZERO, Duration.ofSeconds(1), 1, Duration.ofMillis(1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("connectTimeout must be positive, was PT0S");
        assertThatThrownBy(() -> new Settings(Duration.ofSeconds(1), null, 1, Duration.ofMillis(1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("responseTimeout must be positive, was null");
    }

    @Test
    void rejectsNegativeRetryAttempts() {
        assertThatThrownBy(() -> new Settings(Duration.ofSeconds(1), Duration.ofSeconds(1), -1, Duration.ofMillis(1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("retryAttempts must not be negative, was -1");
    }

    @Test
    void rejectsAddressThatIsNotARedisUri() {
        assertThatThrownBy(() -> RedissonClientFactory.create("http://localhost:6379", Settings.defaults()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Redis URI must look like redis://host:port or redis://host:port/database, was "
                        + "http://localhost:6379");
        assertThatThrownBy(() -> RedissonClientFactory.create("redis://localhost:6379/x", Settings.defaults()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Redis URI path must be a database index, was redis://localhost:6379/x");
    }
}
