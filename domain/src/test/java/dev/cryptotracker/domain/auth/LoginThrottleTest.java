package dev.cryptotracker.domain.auth;

import dev.cryptotracker.domain.LoginThrottledException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Base64;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The throttle's rules; its counting, and the policy applied to it, on a real Redis is proven by LoginThrottleIT. */
class LoginThrottleTest {

    @Test
    void countsAnEmailUnderTheSha256OfItsLowerCaseForm() throws Exception {
        String expected = Base64.getUrlEncoder().withoutPadding().encodeToString(MessageDigest.getInstance("SHA-256")
                .digest("alice@example.com".getBytes(StandardCharsets.UTF_8)));

        assertThat(LoginThrottle.subjectOf("alice@example.com")).isEqualTo(expected).hasSize(43);
        assertThat(LoginThrottle.subjectOf("  ALICE@Example.COM ")).isEqualTo(expected);
    }

    @Test
    void countsEachEmailApart() {
        assertThat(LoginThrottle.subjectOf("alice@example.com")).isNotEqualTo(LoginThrottle.subjectOf("bob@example.com"));
    }

    @Test
    void lowerCasesByRootRulesWhateverTheDefaultLocale() {
        Locale before = Locale.getDefault();
        try {
            Locale.setDefault(Locale.forLanguageTag("tr-TR"));
            assertThat("I".toLowerCase()).as("Turkish lower case of I").isEqualTo("\u0131");

            assertThat(LoginThrottle.subjectOf("IRIS@EXAMPLE.COM")).isEqualTo(LoginThrottle.subjectOf("iris@example.com"));
        } finally {
            Locale.setDefault(before);
        }
    }

    @Test
    void refusesAMissingEmail() {
        assertThatThrownBy(() -> LoginThrottle.subjectOf(null))
                .isInstanceOf(NullPointerException.class)
                .hasMessage("email");
    }

    @Test
    void defaultsToFiveFailuresInFifteenMinutes() {
        ThrottlePolicy defaults = ThrottlePolicy.defaults();

        assertThat(defaults.maxFailures()).isEqualTo(5);
        assertThat(defaults.window()).isEqualTo(Duration.ofMinutes(15));
    }

    @Test
    void admitsUpToTheMaximumAndRefusesTheNextWithTheTimeLeft() {
        ThrottlePolicy policy = new ThrottlePolicy(5, Duration.ofMinutes(15));

        assertThatCode(() -> policy.admit(new AttemptCount(1, Duration.ofMinutes(15)))).doesNotThrowAnyException();
        assertThatCode(() -> policy.admit(new AttemptCount(5, Duration.ofMinutes(3)))).doesNotThrowAnyException();
        assertThatThrownBy(() -> policy.admit(new AttemptCount(6, Duration.ofSeconds(179).plusMillis(1))))
                .isInstanceOfSatisfying(LoginThrottledException.class,
                        e -> assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(179).plusMillis(1)))
                .hasMessage("too many failed logins; try again in 180 s");
    }

    @Test
    void aPolicyOfOneRefusesTheSecondAttempt() {
        ThrottlePolicy policy = new ThrottlePolicy(1, Duration.ofSeconds(1));

        assertThatCode(() -> policy.admit(new AttemptCount(1, Duration.ofSeconds(1)))).doesNotThrowAnyException();
        assertThatThrownBy(() -> policy.admit(new AttemptCount(2, Duration.ofSeconds(1))))
                .isInstanceOf(LoginThrottledException.class)
                .hasMessage("too many failed logins; try again in 1 s");
    }

    @ParameterizedTest
    @ValueSource(ints = {0, -1, Integer.MIN_VALUE})
    void refusesAMaximumBelowOne(int maxFailures) {
        assertThatThrownBy(() -> new ThrottlePolicy(maxFailures, Duration.ofMinutes(1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("maxFailures must be at least 1, was " + maxFailures);
    }

    @Test
    void acceptsWindowsFromOneSecondToOneDay() {
        assertThat(new ThrottlePolicy(1, Duration.ofSeconds(1)).window()).isEqualTo(Duration.ofSeconds(1));
        assertThat(new ThrottlePolicy(1, Duration.ofDays(1)).window()).isEqualTo(Duration.ofDays(1));
    }

    @Test
    void refusesWindowsOutsideOneSecondToOneDay() {
        assertThatThrownBy(() -> new ThrottlePolicy(5, Duration.ofMillis(999)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("throttle window must be between 1 s and 1 day, was PT0.999S");
        assertThatThrownBy(() -> new ThrottlePolicy(5, Duration.ofDays(1).plusMillis(1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("throttle window must be between 1 s and 1 day, was PT24H0.001S");
        assertThatThrownBy(() -> new ThrottlePolicy(5, null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("throttle window must be between 1 s and 1 day, was null");
    }

    @Test
    void roundsTheRetryTimeUpToWholeSeconds() {
        assertThat(new LoginThrottledException(Duration.ofMinutes(15)))
                .hasMessage("too many failed logins; try again in 900 s");
        assertThat(new LoginThrottledException(Duration.ofMillis(1)))
                .hasMessage("too many failed logins; try again in 1 s");
        assertThat(new LoginThrottledException(Duration.ofNanos(14_999_000_000L)))
                .hasMessage("too many failed logins; try again in 15 s");
        assertThat(new LoginThrottledException(Duration.ofMinutes(15)).retryAfter()).isEqualTo(Duration.ofMinutes(15));
    }

    @Test
    void refusesARetryTimeThatIsNotPositive() {
        assertThatThrownBy(() -> new LoginThrottledException(Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("retryAfter must be positive, was PT0S");
        assertThatThrownBy(() -> new LoginThrottledException(Duration.ofMillis(-1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("retryAfter must be positive, was PT-0.001S");
        assertThatThrownBy(() -> new LoginThrottledException(null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("retryAfter must be positive, was null");
    }

    @Test
    void refusesAnAttemptCountBelowOneOrWithoutTimeLeft() {
        assertThatThrownBy(() -> new AttemptCount(0, Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("attempt count must be at least 1, was 0");
        assertThatThrownBy(() -> new AttemptCount(1, Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("time left in the window must be positive, was PT0S");
        assertThatThrownBy(() -> new AttemptCount(1, Duration.ofMillis(-5)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("time left in the window must be positive, was PT-0.005S");
        assertThatThrownBy(() -> new AttemptCount(1, null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("time left in the window must be positive, was null");
        assertThat(new AttemptCount(1, Duration.ofMillis(1)).count()).isEqualTo(1);
    }

    @Test
    void needsItsStoreAndPolicy() {
        assertThatThrownBy(() -> new LoginThrottle(null, ThrottlePolicy.defaults()))
                .isInstanceOf(NullPointerException.class).hasMessage("attempts");
        LoginAttempts none = new LoginAttempts() {
            @Override
            public AttemptCount count(String subject, Duration window) {
                throw new UnsupportedOperationException("not called");
            }

            @Override
            public void reset(String subject) {
                throw new UnsupportedOperationException("not called");
            }
        };
        assertThatThrownBy(() -> new LoginThrottle(none, null))
                .isInstanceOf(NullPointerException.class).hasMessage("policy");
        assertThat(new LoginThrottle(none, ThrottlePolicy.defaults()).policy()).isEqualTo(ThrottlePolicy.defaults());
    }
}
