package dev.cryptotracker.it.auth;

import ch.qos.logback.classic.Level;
import dev.cryptotracker.domain.auth.AuthResult;
import dev.cryptotracker.domain.user.User;
import dev.cryptotracker.testkit.Testkit;
import org.jooq.DSLContext;
import org.junit.jupiter.api.Test;
import org.redisson.api.RedissonClient;

import javax.sql.DataSource;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

@Testkit
class AuthLoggingIT {

    private static final String PASSWORD = "s3cret-Passw0rd-for-logs";
    private static final String WRONG_PASSWORD = "wr0ng-Passw0rd-for-logs";

    private final AuthSetup setup;

    AuthLoggingIT(DataSource dataSource, RedissonClient redisson) {
        this.setup = AuthSetup.over(dataSource, redisson);
    }

    @Test
    void logLinesOfEveryAuthStepCarryNoPasswordHashTokenOrSecret(DSLContext sql) {
        List<String> secrets = new ArrayList<>(List.of(PASSWORD, WRONG_PASSWORD,
                Base64.getEncoder().encodeToString(setup.secret),
                Base64.getUrlEncoder().withoutPadding().encodeToString(setup.secret),
                HexFormat.of().formatHex(setup.secret)));
        List<String> lines;
        User alice;
        try (LogCapture logs = new LogCapture()) {
            AuthResult signedUp = setup.auth.signup("alice@example.com", "Alice", PASSWORD);
            alice = signedUp.user();
            AuthResult loggedIn = setup.auth.login("alice@example.com", PASSWORD);
            catchThrowable(() -> setup.auth.login("alice@example.com", WRONG_PASSWORD));
            catchThrowable(() -> setup.auth.login("nobody@example.com", WRONG_PASSWORD));
            setup.auth.authenticate(loggedIn.token());
            setup.auth.logout(signedUp.token());
            catchThrowable(() -> setup.auth.authenticate(signedUp.token()));
            sql.execute("UPDATE users SET password_hash = 'not-a-bcrypt-hash-' || password_hash WHERE id = ?",
                    alice.id());
            catchThrowable(() -> setup.auth.login("alice@example.com", PASSWORD));
            secrets.addAll(List.of(signedUp.token(), loggedIn.token(), AuthSetup.signatureOf(signedUp.token()),
                    AuthSetup.signatureOf(loggedIn.token()), signedUp.token().split("\\.")[1], alice.passwordHash()));
            lines = logs.lines();
            assertThat(logs.messagesAt(Level.INFO)).contains(
                    "user " + alice.id() + " signed up",
                    "user " + alice.id() + " logged in",
                    "login rejected for user " + alice.id() + ": wrong password",
                    "login rejected: no user with that email",
                    "user " + alice.id() + " logged out of one session");
            assertThat(logs.messagesAt(Level.ERROR)).hasSize(1);
        }

        assertThat(lines).isNotEmpty();
        for (String secret : secrets) {
            assertThat(lines).noneMatch(line -> line.contains(secret));
        }
    }
}
