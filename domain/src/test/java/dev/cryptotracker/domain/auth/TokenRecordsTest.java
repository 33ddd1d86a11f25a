package dev.cryptotracker.domain.auth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cryptotracker.domain.user.User;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The records that carry a token or its signature show everything else in toString, and never the secret part. */
class TokenRecordsTest {

    private static final SessionKey KEY = new SessionKey(7, "AbCdEfGhIjKlMnOpQrStUv_-0123456789abcdefgh");
    private static final Instant IAT = Instant.parse("2026-03-01T12:00:00Z");
    private static final Instant EXP = Instant.parse("2026-03-01T13:00:00Z");

    @Test
    void issuedTokenShowsKeyAndTimesButNeitherTokenNorSignature() {
        IssuedToken token = new IssuedToken("aaa.bbb.sig-secret", KEY, "sig-secret", IAT, EXP);

        assertThat(token).hasToString("IssuedToken[sessionKey=" + KEY + ", issuedAt=" + IAT + ", expiresAt=" + EXP + "]");
    }

    @Test
    void verifiedTokenShowsKeyAndExpiryButNotTheSignature() {
        VerifiedToken token = new VerifiedToken(KEY, "sig-secret", EXP);

        assertThat(token).hasToString("VerifiedToken[sessionKey=" + KEY + ", expiresAt=" + EXP + "]");
    }

    @Test
    void authResultShowsTheUserButNotTheToken() {
        User user = new User(7, "a@example.com", "A", "$2a$04$hash", IAT, IAT);

        assertThat(new AuthResult(user, "aaa.bbb.ccc")).hasToString("AuthResult[user=" + user + "]");
    }
}
