package dev.cryptotracker.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.redisson.api.RedissonClient;
import org.redisson.api.redisnode.RedisNode;
import org.redisson.api.redisnode.RedisNodes;

/**
 * The Redis major each provider runs where it is fixed: the binary inside embedded-redis (6.2; 5.0 on Windows), and
 * on Docker the major the image's tag names ({@code redis:7-alpine}, {@code crypto-tracker/redis:8-trixie}).
 * External servers run whatever they run; {@code EXPECTED_REDIS_MAJOR} (set by CI for its Debian 12 server) pins the
 * major to expect, and without it the oldest tested one is the floor.
 */
@Testkit(Service.REDIS)
class RedisVersionIT {

    /** embedded-redis 1.4.3 ships Redis 6.2 for Linux and macOS, and 5.0 for Windows. */
    static final int EMBEDDED_MAJOR = System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("windows")
            ? 5 : 6;
    /** The oldest Redis the suite runs on (the embedded one). */
    static final int OLDEST_TESTED_MAJOR = 6;
    private static final Pattern TAG_MAJOR = Pattern.compile(":(\\d+)[^:/]*$");

    @Test
    void runsTheRedisMajorItsProviderPromises(RedissonClient redis, RunningServers servers) {
        String version = redis.getRedisNodes(RedisNodes.SINGLE).getInstance()
                .info(RedisNode.InfoSection.SERVER).get("redis_version");
        assertThat(version).as("redis_version from INFO server").matches("\\d+\\.\\d+.*");
        int major = Integer.parseInt(version.substring(0, version.indexOf('.')));
        String expected = System.getenv("EXPECTED_REDIS_MAJOR");
        String image = servers.redis().image();
        Matcher tag = TAG_MAJOR.matcher(image);

        if (expected != null && !expected.isBlank()) {
            assertThat(major).as("Redis %s on %s (EXPECTED_REDIS_MAJOR=%s)", version, servers.provider(), expected)
                    .isEqualTo(Integer.parseInt(expected.trim()));
        } else if ("embedded".equals(servers.provider())) {
            assertThat(major).as("Redis %s inside embedded-redis", version).isEqualTo(EMBEDDED_MAJOR);
        } else if ("docker".equals(servers.provider()) && tag.find()) {
            assertThat(major).as("Redis %s from image %s", version, image).isEqualTo(Integer.parseInt(tag.group(1)));
        } else {
            assertThat(major).as("Redis %s on %s (%s)", version, servers.provider(), image)
                    .isGreaterThanOrEqualTo(OLDEST_TESTED_MAJOR);
        }
    }
}
