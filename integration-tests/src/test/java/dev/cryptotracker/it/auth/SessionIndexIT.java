package dev.cryptotracker.it.auth;

import dev.cryptotracker.domain.auth.AuthResult;
import dev.cryptotracker.domain.auth.SessionKey;
import dev.cryptotracker.sessions.RedisSessionStore;
import dev.cryptotracker.testkit.ConnectionDetails;
import dev.cryptotracker.testkit.Testkit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Isolated;
import org.redisson.api.RBucket;
import org.redisson.api.RScoredSortedSet;
import org.redisson.api.RedissonClient;
import org.redisson.client.codec.StringCodec;
import org.redisson.client.protocol.ScoredEntry;

import javax.sql.DataSource;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The per-user index of sessions ({@code /users/{id}/sessions}, a sorted set of sub tokens scored by expiry) seen
 * from the Redis server: written in the same script as the session, kept by the sessions' TTL rules, and enough to
 * find a user's sessions without KEYS or SCAN. MONITOR and command statistics are server-wide, so these tests run
 * {@link Isolated isolated}.
 */
@Testkit
@Isolated
class SessionIndexIT {

    private static final String PASSWORD = "correct horse battery";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final RedissonClient redisson;
    private final RedisSessionStore store;
    private final AuthSetup setup;

    SessionIndexIT(DataSource dataSource, RedissonClient redisson) {
        this.redisson = redisson;
        this.store = new RedisSessionStore(redisson);
        this.setup = AuthSetup.over(dataSource, redisson);
    }

    private RScoredSortedSet<String> index(long userId) {
        return redisson.getScoredSortedSet(RedisSessionStore.indexKey(userId), StringCodec.INSTANCE);
    }

    private RBucket<String> session(SessionKey key) {
        return redisson.getBucket(key.redisKey(), StringCodec.INSTANCE);
    }

    private static SessionKey newSession(long userId) {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return new SessionKey(userId, Base64.getUrlEncoder().withoutPadding().encodeToString(bytes));
    }

    @Test
    void writesEachSessionWithItsIndexEntryInOneScript(ConnectionDetails details) throws Exception {
        AuthResult alice;
        List<String> lines;
        try (RedisMonitor monitor = new RedisMonitor(details.redisUri())) {
            alice = setup.auth.signup("alice@example.com", "Alice", PASSWORD);
            String index = "\"" + RedisSessionStore.indexKey(alice.user().id()) + "\"";
            lines = monitor.linesUntil(line -> line.contains("\"PEXPIREAT\" " + index));
        }
        String sessionKey = "\"" + AuthSetup.sessionKeyOf(alice.user().id(), alice.token()) + "\"";
        String index = "\"" + RedisSessionStore.indexKey(alice.user().id()) + "\"";
        List<String> touching = lines.stream().filter(l -> l.contains(sessionKey) || l.contains(index)).toList();

        assertThat(touching).filteredOn(l -> !RedisMonitor.fromScript(l))
                .as("sent by the client: only the script call itself")
                .singleElement().asString().containsPattern("\"(?i:evalsha|eval)\"");
        List<String> fromScript = touching.stream().filter(RedisMonitor::fromScript).toList();
        assertThat(fromScript).anyMatch(l -> l.contains("\"SET\" " + sessionKey + " \""
                + AuthSetup.signatureOf(alice.token()) + "\" \"PX\" "));
        assertThat(fromScript).anyMatch(l -> l.contains("\"ZADD\" " + index));
        assertThat(fromScript).anyMatch(l -> l.contains("\"PEXPIREAT\" " + index));
        assertThat(touching).noneMatch(l -> l.matches(".*\"P?EXPIRE(AT)?\" " + sessionKey + ".*"));
    }

    @Test
    void indexesEverySessionOfAUserScoredByWhenItExpires() throws Exception {
        AuthResult first = setup.auth.signup("alice@example.com", "Alice", PASSWORD);
        AuthResult second = setup.auth.login("alice@example.com", PASSWORD);
        AuthResult bob = setup.auth.signup("bob@example.com", "Bob", PASSWORD);
        long alice = first.user().id();

        Map<String, Double> scores = index(alice).entryRange(0, -1).stream()
                .collect(Collectors.toMap(ScoredEntry::getValue, ScoredEntry::getScore));

        assertThat(scores).containsOnlyKeys(AuthSetup.subTokenOf(first.token()), AuthSetup.subTokenOf(second.token()));
        for (AuthResult result : List.of(first, second)) {
            long ttl = redisson.getBucket(AuthSetup.sessionKeyOf(alice, result.token())).remainTimeToLive();
            double expiresAt = scores.get(AuthSetup.subTokenOf(result.token()));
            assertThat(expiresAt).isCloseTo(System.currentTimeMillis() + ttl, within(2_000.0));
        }
        assertThat(index(bob.user().id()).readAll()).containsExactly(AuthSetup.subTokenOf(bob.token()));
    }

    @Test
    void theIndexLivesAsLongAsTheUsersLongestSessionAndNoLonger() {
        SessionKey hour = newSession(7);
        SessionKey tenMinutes = newSession(7);
        SessionKey twoHours = newSession(7);
        RScoredSortedSet<String> index = index(7);

        store.open(hour, "sig-1", Duration.ofHours(1));
        store.open(tenMinutes, "sig-2", Duration.ofMinutes(10));
        long longest = session(hour).remainTimeToLive();
        long indexTtl = index.remainTimeToLive();
        assertThat(indexTtl).as("a shorter session does not shorten it")
                .isGreaterThanOrEqualTo(longest)
                .isLessThanOrEqualTo(longest + RedisSessionStore.INDEX_GRACE.toMillis() + 500);

        store.open(twoHours, "sig-3", Duration.ofHours(2));
        longest = session(twoHours).remainTimeToLive();
        assertThat(index.remainTimeToLive()).as("a longer session lengthens it")
                .isGreaterThanOrEqualTo(longest)
                .isLessThanOrEqualTo(longest + RedisSessionStore.INDEX_GRACE.toMillis() + 500);
        assertThat(index.readAll()).containsExactlyInAnyOrder(hour.subToken(), tenMinutes.subToken(),
                twoHours.subToken());
    }

    @Test
    void openingASessionDropsTheEntriesOfSessionsThatLapsed() {
        SessionKey fleeting = newSession(7);
        SessionKey lasting = newSession(7);
        store.open(fleeting, "sig-1", Duration.ofMillis(1));
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (session(fleeting).isExists() && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        assertThat(session(fleeting).isExists()).isFalse();

        store.open(lasting, "sig-2", Duration.ofMinutes(10));

        assertThat(index(7).readAll()).containsExactly(lasting.subToken());
    }

    @Test
    void closingASessionTakesItOutOfTheIndexAndTheLastOneTakesTheIndex() {
        SessionKey one = newSession(7);
        SessionKey two = newSession(7);
        store.open(one, "sig-1", Duration.ofMinutes(10));
        store.open(two, "sig-2", Duration.ofMinutes(10));

        store.close(one);
        assertThat(index(7).readAll()).containsExactly(two.subToken());
        assertThat(session(one).isExists()).isFalse();
        assertThat(session(two).isExists()).isTrue();

        store.close(two);
        assertThat(index(7).isExists()).isFalse();
    }

    @Test
    void closesEveryOrEveryOtherSessionOfOneUserOnly() {
        SessionKey kept = newSession(7);
        SessionKey other = newSession(7);
        SessionKey third = newSession(7);
        SessionKey someoneElse = newSession(8);
        for (SessionKey key : List.of(kept, other, third, someoneElse)) {
            store.open(key, "sig", Duration.ofMinutes(10));
        }

        assertThat(store.closeAllExcept(kept)).isEqualTo(2);
        assertThat(index(7).readAll()).containsExactly(kept.subToken());
        assertThat(session(kept).isExists()).isTrue();
        assertThat(session(other).isExists()).isFalse();
        assertThat(session(third).isExists()).isFalse();

        assertThat(store.closeAll(7)).isEqualTo(1);
        assertThat(store.closeAll(7)).isZero();
        assertThat(index(7).isExists()).isFalse();
        assertThat(session(kept).isExists()).isFalse();
        assertThat(session(someoneElse).isExists()).isTrue();
        assertThat(index(8).readAll()).containsExactly(someoneElse.subToken());
    }

    @Test
    void findsAndClosesAUsersSessionsWithoutScanningTheKeyspace(ConnectionDetails details) throws Exception {
        AuthResult first = setup.auth.signup("alice@example.com", "Alice", PASSWORD);
        AuthResult second = setup.auth.login("alice@example.com", PASSWORD);
        AuthResult bob = setup.auth.signup("bob@example.com", "Bob", PASSWORD);
        AuthResult bobElsewhere = setup.auth.login("bob@example.com", PASSWORD);
        Function<RawRedis, Long> scans = raw -> raw.calls("keys") + raw.calls("scan");

        try (RawRedis raw = new RawRedis(details.redisUri())) {
            long before = scans.apply(raw);

            setup.auth.changePassword(bob.token(), PASSWORD, "a new password");
            setup.auth.logoutEverywhere(second.token());
            setup.auth.deleteUser(bob.user().id());

            assertThat(scans.apply(raw)).isEqualTo(before);
        }
        assertThat(AuthSetup.sessionKeyCount(redisson)).isZero();
        assertThat(redisson.getKeys().countExists(RedisSessionStore.indexKey(first.user().id()),
                RedisSessionStore.indexKey(bob.user().id()))).isZero();
        assertThat(bobElsewhere.user().id()).isEqualTo(bob.user().id());
    }
}
