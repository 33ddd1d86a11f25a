package dev.cryptotracker.it.auth;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.cryptotracker.domain.EmailAlreadyExistsException;
import dev.cryptotracker.domain.PersistenceUnavailableException;
import dev.cryptotracker.domain.SessionStoreUnavailableException;
import dev.cryptotracker.domain.ValidationException;
import dev.cryptotracker.domain.auth.AuthResult;
import dev.cryptotracker.domain.user.User;
import dev.cryptotracker.it.ConnectionCounter;
import dev.cryptotracker.sessions.RedissonClientFactory;
import dev.cryptotracker.sessions.RedissonClientFactory.Settings;
import dev.cryptotracker.testkit.ConnectionDetails;
import dev.cryptotracker.testkit.DatabaseHelper;
import dev.cryptotracker.testkit.Testkit;
import org.jooq.DSLContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.redisson.api.RedissonClient;
import org.redisson.client.codec.StringCodec;

import javax.sql.DataSource;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

@Testkit
class AuthSignupIT {

    private static final String PASSWORD = "correct horse battery";

    private final DataSource dataSource;
    private final RedissonClient redisson;
    private final DatabaseHelper db;
    private final AuthSetup setup;

    AuthSignupIT(DataSource dataSource, RedissonClient redisson, DatabaseHelper db) {
        this.dataSource = dataSource;
        this.redisson = redisson;
        this.db = db;
        this.setup = AuthSetup.over(dataSource, redisson);
    }

    // --- S5, S6, S9, S10 ---

    @Test
    void signupReturnsStoredUserAndToken() {
        AuthResult result = setup.auth.signup("alice@example.com", "Alice", PASSWORD);

        assertThat(result.user().id()).isPositive();
        assertThat(result.user().email()).isEqualTo("alice@example.com");
        assertThat(result.user().name()).isEqualTo("Alice");
        assertThat(result.token()).isNotBlank().matches("[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+");
        assertThat(db.rowCount("users")).isEqualTo(1);
    }

    @Test
    void signupWithExistingEmailFailsWithEmailAlreadyExists() {
        setup.auth.signup("alice@example.com", "Alice", PASSWORD);

        assertThatThrownBy(() -> setup.auth.signup("alice@example.com", "Alice Two", "another password"))
                .isInstanceOf(EmailAlreadyExistsException.class)
                .hasMessage("a user with email alice@example.com already exists");
        assertThat(db.rowCount("users")).isEqualTo(1);
    }

    @Test
    void signupWithExistingEmailInOtherCaseFailsAndLeavesExistingUserUntouched(DSLContext sql) {
        User alice = setup.auth.signup("alice@x.com", "Alice", PASSWORD).user();

        assertThatThrownBy(() -> setup.auth.signup("Alice@X.com", "Mallory", "mallory's password"))
                .isInstanceOf(EmailAlreadyExistsException.class)
                .hasMessageContaining("already exists");
        assertThat(db.rowCount("users")).isEqualTo(1);
        var row = sql.fetchOne("SELECT email, name, password_hash FROM users WHERE id = ?", alice.id());
        assertThat(row.get("email", String.class)).isEqualTo("alice@x.com");
        assertThat(row.get("name", String.class)).isEqualTo("Alice");
        assertThat(row.get("password_hash", String.class)).isEqualTo(alice.passwordHash());
    }

    @Test
    void signupStoresSessionKeyHoldingTheTokenSignature() throws Exception {
        AuthResult result = setup.auth.signup("alice@example.com", "Alice", PASSWORD);

        String key = AuthSetup.sessionKeyOf(result.user().id(), result.token());
        assertThat(key).startsWith("/users/" + result.user().id() + "/session/");
        assertThat(redisson.<String>getBucket(key, StringCodec.INSTANCE).get())
                .isEqualTo(AuthSetup.signatureOf(result.token()));
        assertThat(AuthSetup.sessionKeyCount(redisson)).isEqualTo(1);
    }

    @Test
    void storesBcryptHashNotThePassword(DSLContext sql) {
        User user = setup.auth.signup("alice@example.com", "Alice", PASSWORD).user();

        String stored = sql.fetchValue("SELECT password_hash FROM users WHERE id = ?", user.id()).toString();
        assertThat(stored).isNotEqualTo(PASSWORD).doesNotContain(PASSWORD).startsWith("$2a$");
    }

    // --- R1, R3: validation before any SQL or hashing ---

    static Stream<org.junit.jupiter.params.provider.Arguments> invalidEmails() {
        return Stream.of(
                arguments(null, "email is required"),
                arguments("", "email must not be blank"),
                arguments("   ", "email must not be blank"),
                arguments("a@", "email must look like name@example.com, got 'a@'"),
                arguments("no-at", "email must look like name@example.com, got 'no-at'"),
                arguments("a b@c.d", "email must not contain white space or control characters"),
                arguments("a".repeat(243) + "@example.com", "email must be at most 254 characters, got 255"),
                arguments("al\u0000ice@example.com", "email must not contain white space or control characters"));
    }

    @ParameterizedTest
    @MethodSource("invalidEmails")
    void rejectsInvalidEmailBeforeAnySqlOrHashing(String email, String message) {
        ConnectionCounter connections = new ConnectionCounter(dataSource);
        AuthSetup counted = new AuthSetup(AuthSetup.users(connections.dataSource()), redisson);

        assertThatThrownBy(() -> counted.auth.signup(email, "Alice", PASSWORD))
                .isInstanceOf(ValidationException.class)
                .hasMessage(message);
        assertThat(connections.opened()).isZero();
        assertThat(counted.hasher.hashes()).isZero();
        assertThat(db.rowCount("users")).isZero();
        assertThat(redisson.getKeys().count()).isZero();
    }

    @Test
    void rejectsNulCharacterInNameBeforeAnySql() {
        ConnectionCounter connections = new ConnectionCounter(dataSource);
        AuthSetup counted = new AuthSetup(AuthSetup.users(connections.dataSource()), redisson);

        assertThatThrownBy(() -> counted.auth.signup("alice@example.com", "Ali\u0000ce", PASSWORD))
                .isInstanceOf(ValidationException.class)
                .hasMessage("user name must not contain control characters");
        assertThat(connections.opened()).isZero();
        assertThat(counted.hasher.hashes()).isZero();
        assertThat(db.rowCount("users")).isZero();
    }

    // --- R4, R5, R6: passwords ---

    @Test
    void rejectsMissingPasswordBeforeHashing() {
        assertThatThrownBy(() -> setup.auth.signup("alice@example.com", "Alice", null))
                .isInstanceOf(ValidationException.class)
                .hasMessage("password is required");
        assertThat(setup.hasher.hashes()).isZero();
        assertThat(db.rowCount("users")).isZero();
        assertThat(redisson.getKeys().count()).isZero();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "1234567", "short"})
    void rejectsPasswordShorterThanEightCharacters(String password) {
        assertThatThrownBy(() -> setup.auth.signup("alice@example.com", "Alice", password))
                .isInstanceOf(ValidationException.class)
                .hasMessage("password must be at least 8 characters");
        assertThat(setup.hasher.hashes()).isZero();
        assertThat(db.rowCount("users")).isZero();
        assertThat(redisson.getKeys().count()).isZero();
    }

    @ParameterizedTest
    @ValueSource(strings = {"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
            "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa😀"})
    void acceptsPasswordOfSeventyTwoBytesAndLogsInWithIt(String password) {
        assertThat(password.getBytes(StandardCharsets.UTF_8)).hasSize(72);
        User user = setup.auth.signup("alice@example.com", "Alice", password).user();

        assertThat(setup.auth.login("alice@example.com", password).user().id()).isEqualTo(user.id());
    }

    @ParameterizedTest
    @ValueSource(strings = {"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
            "中中中中中中中中中中中中中中中中中中中中中中中中中",
            "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa😀"})
    void rejectsPasswordLongerThanSeventyTwoBytesInsteadOfTruncating(String password) {
        assertThat(password.getBytes(StandardCharsets.UTF_8)).hasSizeGreaterThan(72);

        assertThatThrownBy(() -> setup.auth.signup("alice@example.com", "Alice", password))
                .isInstanceOf(ValidationException.class)
                .hasMessage("password must be at most 72 bytes in UTF-8");
        assertThat(setup.hasher.hashes()).isZero();
        assertThat(db.rowCount("users")).isZero();
        assertThat(redisson.getKeys().count()).isZero();
    }

    // --- R7: racing signups ---

    @Test
    void racingSignupsWithOneEmailLetExactlyOneSucceed() throws Exception {
        int threads = 8;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch ready = new CountDownLatch(threads);
        CountDownLatch go = new CountDownLatch(1);
        AtomicInteger succeeded = new AtomicInteger();
        AtomicInteger alreadyExists = new AtomicInteger();
        List<Future<?>> futures = new ArrayList<>();
        try {
            for (int i = 0; i < threads; i++) {
                String email = i % 2 == 0 ? "race@example.com" : "RACE@example.com";
                futures.add(pool.submit(() -> {
                    ready.countDown();
                    go.await();
                    try {
                        setup.auth.signup(email, "Racer", PASSWORD);
                        succeeded.incrementAndGet();
                    } catch (EmailAlreadyExistsException e) {
                        alreadyExists.incrementAndGet();
                    }
                    return null;
                }));
            }
            assertThat(ready.await(30, TimeUnit.SECONDS)).isTrue();
            go.countDown();
            for (Future<?> future : futures) {
                future.get(60, TimeUnit.SECONDS); // rethrows anything other than EmailAlreadyExists
            }
        } finally {
            pool.shutdownNow();
        }

        assertThat(succeeded).hasValue(1);
        assertThat(alreadyExists).hasValue(threads - 1);
        assertThat(db.rowCount("users")).isEqualTo(1);
        assertThat(AuthSetup.sessionKeyCount(redisson)).isEqualTo(1);
    }

    // --- R8, R9: faults ---

    @Test
    void exhaustedPoolFailsSignupWithPersistenceUnavailableAndStoresNothing(ConnectionDetails details)
            throws Exception {
        HikariConfig config = new HikariConfig();
        config.setPoolName("auth-it-exhausted");
        config.setJdbcUrl(details.jdbcUrl());
        config.setUsername(details.username());
        config.setPassword(details.password());
        config.setMaximumPoolSize(1);
        config.setConnectionTimeout(500);
        try (HikariDataSource tiny = new HikariDataSource(config);
             Connection held = tiny.getConnection()) {
            AuthSetup starved = new AuthSetup(AuthSetup.users(tiny), redisson);
            long started = System.nanoTime();

            assertThatThrownBy(() -> starved.auth.signup("alice@example.com", "Alice", PASSWORD))
                    .isInstanceOf(PersistenceUnavailableException.class);

            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
            assertThat(held.isValid(1)).isTrue();
        }
        assertThat(db.rowCount("users")).isZero();
        assertThat(redisson.getKeys().count()).isZero();
    }

    @Test
    void signupWhoseSessionCannotBeStoredReturnsNoTokenAndUserCanLogInLater() throws IOException {
        RedissonClient unreachable = RedissonClientFactory.create("redis://127.0.0.1:" + closedPort(), FAST);
        try {
            AuthSetup redisDown = new AuthSetup(AuthSetup.users(dataSource), unreachable);

            assertThatThrownBy(() -> redisDown.auth.signup("alice@example.com", "Alice", PASSWORD))
                    .isInstanceOf(SessionStoreUnavailableException.class)
                    .hasMessageStartingWith("Redis failed while storing a session of user ");
        } finally {
            unreachable.shutdown();
        }
        assertThat(db.rowCount("users")).isEqualTo(1);
        assertThat(redisson.getKeys().count()).isZero();
        assertThat(setup.auth.login("alice@example.com", PASSWORD).token()).isNotBlank();
        assertThat(AuthSetup.sessionKeyCount(redisson)).isEqualTo(1);
    }

    static final Settings FAST = new Settings(Duration.ofMillis(300), Duration.ofMillis(300), 1,
            Duration.ofMillis(50));

    static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
