package dev.cryptotracker.domain.auth;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SessionKeyTest {

    private static final String SUB_TOKEN = "AbCdEfGhIjKlMnOpQrStUv_-0123456789abcdefgh";

    @Test
    void buildsUsersSessionKey() {
        assertThat(new SessionKey(42, SUB_TOKEN).redisKey()).isEqualTo("/users/42/session/" + SUB_TOKEN);
    }

    @ParameterizedTest
    @ValueSource(longs = {0, -1, Long.MIN_VALUE})
    void rejectsNonPositiveUserId(long userId) {
        assertThatThrownBy(() -> new SessionKey(userId, SUB_TOKEN))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("user id must be positive, was " + userId);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "short", "AbCdEfGhIjKlMnOpQrStUv/*", "AbCdEfGhIjKlMnOpQrStUv*", "AbCdEfGhIjKlMnOpQrStUv?",
            "AbCdEfGhIjKlMnOpQrStUv[", "AbCdEfGhIjKlMnOpQrStUv==", "AbCdEfGhIjKlMnOpQrStUv AbCd"})
    void rejectsSubTokenOutsideBase64UrlOrTooShort(String subToken) {
        assertThat(SessionKey.isWellFormedSubToken(subToken)).isFalse();
        assertThatThrownBy(() -> new SessionKey(1, subToken))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("sub token must be 22 to 86 base64url characters");
    }

    @Test
    void rejectsOverlongSubToken() {
        assertThatThrownBy(() -> new SessionKey(1, "a".repeat(87)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("sub token must be 22 to 86 base64url characters");
    }

    @Test
    void rejectsMissingSubToken() {
        assertThatThrownBy(() -> new SessionKey(1, null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("sub token must be 22 to 86 base64url characters");
    }
}
