package dev.cryptotracker.testkit.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cryptotracker.testkit.ConnectionDetails;
import dev.cryptotracker.testkit.Service;
import dev.cryptotracker.testkit.Testkit;
import dev.cryptotracker.testkit.RunningServers;
import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;

/**
 * The external provider's Redis on a real server (the one this JVM's testkit runs on): what it says about itself,
 * and the indexes it claims for parallel slots. Claims live in database 0 of that server.
 */
@Testkit(Service.REDIS)
class ExternalRedisIT {

    private RedisAddress address;
    private Jedis databaseZero;

    @BeforeEach
    void connect(ConnectionDetails details) {
        URI uri = URI.create(details.redisUri());
        address = new RedisAddress(uri.getHost(), uri.getPort());
        databaseZero = RedisConnections.connect(address.host(), address.port(), 0, "external-redis-it");
    }

    @AfterEach
    void disconnect() {
        databaseZero.close();
    }

    @Test
    void aRedisThatDoesNotAnswerIsNamedWithTheSettingToCheck() throws Exception {
        int closedPort;
        try (java.net.ServerSocket probe = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closedPort = probe.getLocalPort();
        }
        RedisAddress nobody = new RedisAddress("127.0.0.1", closedPort);

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> ExternalRedis.claim(nobody, "external-redis-it"))
                .isInstanceOf(dev.cryptotracker.testkit.TestkitConfigurationException.class)
                .hasMessageStartingWith("could not connect to Redis at " + nobody + " (")
                .hasMessageEndingWith("); check TESTKIT_REDIS_URL and that the server runs");
    }

    @Test
    void describesItselfByTheServersVersionAndTheClaimedIndex() {
        String version = databaseZero.info("server").lines().filter(line -> line.startsWith("redis_version:"))
                .findFirst().orElseThrow().substring("redis_version:".length()).strip();
        ExternalRedis redis = ExternalRedis.claim(address, "it-describe");
        try {
            assertThat(redis.host()).isEqualTo(address.host());
            assertThat(redis.port()).isEqualTo(address.port());
            assertThat(redis.owner()).isEqualTo("it-describe");
            assertThat(redis.database()).isBetween(1, 15);
            assertThat(redis.describe()).isEqualTo(new RunningServers.Server(
                    "external Redis " + version, "database " + redis.database(),
                    address + "/" + redis.database()));
            assertThat(redis.log()).isEmpty();
            assertThat(redis.death()).isEmpty();
        } finally {
            redis.close();
        }
    }

    @Test
    void eachSlotClaimsAnIndexOfItsOwnOnceAndCloseReleasesThemAll() {
        ExternalRedis redis = ExternalRedis.claim(address, "it-slots");
        int slotZero = redis.database();
        int slotOne;
        int slotTwo;
        try {
            assertThat(redis.databaseForSlot(0)).isEqualTo(slotZero);
            slotOne = redis.databaseForSlot(1);
            slotTwo = redis.databaseForSlot(2);
            assertThat(redis.databaseForSlot(1)).as("asking again claims nothing new").isEqualTo(slotOne);

            assertThat(List.of(slotZero, slotOne, slotTwo)).doesNotHaveDuplicates().doesNotContain(0);
            assertThat(databaseZero.get(RedisIndexClaims.key(slotOne))).isEqualTo("it-slots");
            assertThat(databaseZero.get(RedisIndexClaims.key(slotTwo))).isEqualTo("it-slots");
            assertThat(databaseZero.pttl(RedisIndexClaims.key(slotTwo))).as("a slot's claim expires unless renewed")
                    .isPositive().isLessThanOrEqualTo(ExternalRedis.CLAIM_TTL.toMillis());
        } finally {
            redis.close();
        }

        assertThat(databaseZero.exists(RedisIndexClaims.key(slotZero), RedisIndexClaims.key(slotOne),
                RedisIndexClaims.key(slotTwo))).as("claims left after close").isZero();
    }
}
