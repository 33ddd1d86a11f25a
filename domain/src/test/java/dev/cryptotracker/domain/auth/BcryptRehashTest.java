package dev.cryptotracker.domain.auth;

import dev.cryptotracker.domain.auth.PasswordHasher.Verdict;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The upgrade path (a hash of a lower cost asks to be replaced) and the normalised password bcrypt sees. */
class BcryptRehashTest {

    private static final BcryptPasswordHasher COST_TEN = new BcryptPasswordHasher(10);
    private static final BcryptPasswordHasher TEST_COST = BcryptPasswordHasher.forTests();
    // A well-formed hash of cost 04; the cost digits are swapped below to build hashes of other costs.
    private static final String COST_04 = TEST_COST.hash("correct horse battery");

    private static String withCost(String cost) {
        return COST_04.substring(0, 4) + cost + COST_04.substring(6);
    }

    @Test
    void asksToReplaceAHashOfALowerCost() {
        assertThat(COST_TEN.needsRehash(COST_04)).isTrue();
        assertThat(COST_TEN.needsRehash(withCost("09"))).isTrue();
    }

    @Test
    void keepsAHashOfTheSameOrAHigherCost() {
        assertThat(COST_TEN.needsRehash(withCost("10"))).isFalse();
        assertThat(COST_TEN.needsRehash(withCost("11"))).isFalse();
        assertThat(TEST_COST.needsRehash(COST_04)).isFalse();
    }

    @Test
    void readsTheCostOfEveryBcryptVersion() {
        assertThat(COST_TEN.needsRehash("$2b$" + COST_04.substring(4))).isTrue();
        assertThat(COST_TEN.needsRehash("$2y$" + COST_04.substring(4))).isTrue();
        assertThat(COST_TEN.needsRehash("$2$" + COST_04.substring(4))).isTrue();
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", "not-a-bcrypt-hash", "$2a$04$", "$3a$04$abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0",
            "$2a$4$abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ01"})
    void neverAsksToReplaceSomethingThatIsNotAHash(String notAHash) {
        assertThat(COST_TEN.needsRehash(notAHash)).isFalse();
    }

    @Test
    void rejectsAHashOneCharacterShortOrLong() {
        assertThat(COST_TEN.needsRehash(COST_04.substring(0, 59))).isFalse();
        assertThat(COST_TEN.needsRehash(COST_04 + "a")).isFalse();
        assertThat(COST_TEN.needsRehash("x" + COST_04.substring(1))).isFalse();
    }

    @Test
    void acceptsEveryCostFromTenToThirtyOne() {
        assertThat(new BcryptPasswordHasher(10).cost()).isEqualTo(10);
        assertThat(new BcryptPasswordHasher(31).cost()).isEqualTo(31);
        assertThat(new BcryptPasswordHasher(31).needsRehash(withCost("30"))).isTrue();
    }

    @Test
    void hashesAndVerifiesTheNormalisedPassword() {
        String hash = TEST_COST.hash("cafe\u0301 au lait");

        assertThat(TEST_COST.verify("caf\u00e9 au lait", hash)).isEqualTo(Verdict.MATCH);
        assertThat(TEST_COST.verify("cafe\u0301 au lait", hash)).isEqualTo(Verdict.MATCH);
        assertThat(TEST_COST.verify("cafe au lait", hash)).isEqualTo(Verdict.MISMATCH);
    }

    @Test
    void hashesAPasswordThatFitsOnlyOnceNormalised() {
        String decomposed = ("e\u0301").repeat(36); // 108 bytes as typed, 72 in NFKC

        String hash = TEST_COST.hash(decomposed);

        assertThat(TEST_COST.verify("\u00e9".repeat(36), hash)).isEqualTo(Verdict.MATCH);
    }

    @Test
    void countsEveryNulCharacter() {
        String hash = TEST_COST.hash("password\u0000one");

        assertThat(TEST_COST.verify("password\u0000one", hash)).isEqualTo(Verdict.MATCH);
        assertThat(TEST_COST.verify("password\u0000two", hash)).isEqualTo(Verdict.MISMATCH);
        assertThat(TEST_COST.verify("password", hash)).isEqualTo(Verdict.MISMATCH);
        assertThat(TEST_COST.verify("password\u0000", hash)).isEqualTo(Verdict.MISMATCH);
    }

    @Test
    void refusesToHashAMissingPassword() {
        assertThatThrownBy(() -> TEST_COST.hash(null))
                .isInstanceOf(NullPointerException.class)
                .hasMessage("password");
    }

    @Test
    void refusesToHashAPasswordThatNormalisesPastSeventyTwoBytes() {
        assertThatThrownBy(() -> TEST_COST.hash("\ufdfa\ufdfa\ufdfa"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("password must be at most 72 bytes in UTF-8");
    }

    @Test
    void answersAMissingPasswordWithMismatch() {
        assertThat(TEST_COST.verify(null, COST_04)).isEqualTo(Verdict.MISMATCH);
    }
}
