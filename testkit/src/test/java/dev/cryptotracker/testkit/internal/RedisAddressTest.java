package dev.cryptotracker.testkit.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cryptotracker.testkit.TestkitConfigurationException;
import java.net.URISyntaxException;
import org.junit.jupiter.api.Test;

class RedisAddressTest {

    @Test
    void readsHostAndPort() {
        assertThat(RedisAddress.parse(" redis://cache.example:6380 ")).isEqualTo(new RedisAddress("cache.example", 6380));
        assertThat(RedisAddress.parse("redis://cache.example:6380/")).isEqualTo(new RedisAddress("cache.example", 6380));
    }

    @Test
    void theDefaultPortIs6379() {
        assertThat(RedisAddress.parse("redis://localhost")).isEqualTo(new RedisAddress("localhost", 6379));
    }

    @Test
    void describesItselfAsHostColonPort() {
        assertThat(new RedisAddress("h", 7000)).hasToString("h:7000");
    }

    @Test
    void rejectsADatabaseIndexBecauseTheTestkitClaimsOneItself() {
        assertThatThrownBy(() -> RedisAddress.parse("redis://h:6379/2"))
                .isInstanceOf(TestkitConfigurationException.class)
                .hasMessage("TESTKIT_REDIS_URL names database 2; leave the index out (redis://h:6379): the testkit "
                        + "claims a free index itself, so that runs sharing the server never collide");
    }

    @Test
    void rejectsCredentialsWithoutRepeatingThem() {
        assertThatThrownBy(() -> RedisAddress.parse("redis://user:s3cret@h:6379"))
                .isInstanceOf(TestkitConfigurationException.class)
                .hasMessage("TESTKIT_REDIS_URL carries credentials, which the testkit does not send; use a Redis "
                        + "without requirepass, as redis://h:6379");
        assertThatThrownBy(() -> RedisAddress.parse("redis://:s3cret@h"))
                .hasMessage("TESTKIT_REDIS_URL carries credentials, which the testkit does not send; use a Redis "
                        + "without requirepass, as redis://h");
    }

    @Test
    void rejectsAnotherSchemeOrNoHost() {
        assertThatThrownBy(() -> RedisAddress.parse("rediss://h:6379"))
                .isInstanceOf(TestkitConfigurationException.class)
                .hasMessage("TESTKIT_REDIS_URL must look like redis://host:port, was 'rediss://h:6379'");
        assertThatThrownBy(() -> RedisAddress.parse("localhost:6379"))
                .hasMessage("TESTKIT_REDIS_URL must look like redis://host:port, was 'localhost:6379'");
        assertThatThrownBy(() -> RedisAddress.parse("redis:///"))
                .hasMessage("TESTKIT_REDIS_URL must look like redis://host:port, was 'redis:///'");
        assertThatThrownBy(() -> RedisAddress.parse("http://user:s3cret@h:6379"))
                .as("never repeats credentials even in a URL of the wrong scheme")
                .hasMessage("TESTKIT_REDIS_URL must look like redis://host:port, was 'redis://…@h'");
    }

    @Test
    void rejectsWhatIsNoUriAtAll() {
        assertThatThrownBy(() -> RedisAddress.parse("redis://h:63 79"))
                .isInstanceOf(TestkitConfigurationException.class)
                .hasMessage("TESTKIT_REDIS_URL must look like redis://host:port")
                .hasRootCauseInstanceOf(URISyntaxException.class);
    }
}
