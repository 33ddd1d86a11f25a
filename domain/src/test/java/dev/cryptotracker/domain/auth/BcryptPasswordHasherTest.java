package dev.cryptotracker.domain.auth;

import dev.cryptotracker.domain.auth.PasswordHasher.Verdict;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BcryptPasswordHasherTest {

    private final BcryptPasswordHasher hasher = BcryptPasswordHasher.forTests();

    @Test
    void defaultsToCostTen() {
        BcryptPasswordHasher production = new BcryptPasswordHasher();

        assertThat(production.cost()).isEqualTo(10);
        assertThat(production.hash("correct horse")).startsWith("$2a$10$");
    }

    @ParameterizedTest
    @ValueSource(ints = {-1, 0, 4, 9, 32})
    void refusesCostBelowTenOrAboveThirtyOne(int cost) {
        assertThatThrownBy(() -> new BcryptPasswordHasher(cost))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("bcrypt cost must be between 10 and 31, was " + cost);
    }

    @Test
    void givesTestsTheLibraryMinimumOnlyThroughItsOwnFactory() {
        assertThat(BcryptPasswordHasher.forTests().cost()).isEqualTo(4);
    }

    @Test
    void hashesInTwoAFormatWithoutKeepingThePassword() {
        String hash = hasher.hash("correct horse battery");

        assertThat(hash).startsWith("$2a$04$").hasSize(60).doesNotContain("correct horse battery");
    }

    @Test
    void saltsEveryHash() {
        assertThat(hasher.hash("correct horse battery")).isNotEqualTo(hasher.hash("correct horse battery"));
    }

    @Test
    void verifiesTheRightPasswordAndRejectsAWrongOne() {
        String hash = hasher.hash("correct horse battery");

        assertThat(hasher.verify("correct horse battery", hash)).isEqualTo(Verdict.MATCH);
        assertThat(hasher.verify("correct horse batterz", hash)).isEqualTo(Verdict.MISMATCH);
    }

    @Test
    void verifiesPasswordOfSeventyTwoBytesWithoutTruncating() {
        String password = "a".repeat(68) + "😀";
        String sameFirstSeventyOneBytes = "a".repeat(68) + "😁";
        String hash = hasher.hash(password);

        assertThat(hasher.verify(password, hash)).isEqualTo(Verdict.MATCH);
        assertThat(hasher.verify(sameFirstSeventyOneBytes, hash)).isEqualTo(Verdict.MISMATCH);
    }

    @Test
    void refusesToHashPasswordLongerThanSeventyTwoBytes() {
        assertThatThrownBy(() -> hasher.hash("中".repeat(25)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("password must be at most 72 bytes in UTF-8");
    }

    @Test
    void reportsPasswordLongerThanSeventyTwoBytesAsMismatchWithoutTruncating() {
        String hash = hasher.hash("a".repeat(72));

        assertThat(hasher.verify("a".repeat(73), hash)).isEqualTo(Verdict.MISMATCH);
    }

    @ParameterizedTest
    @ValueSource(strings = {"not-a-bcrypt-hash", "", "$2a$04$short", "$9z$04$abcdefghijklmnopqrstuvabcdefghijklmnopqrstuvwxyz01234"})
    void reportsCorruptHashInsteadOfThrowing(String corrupt) {
        assertThat(hasher.verify("correct horse battery", corrupt)).isEqualTo(Verdict.MALFORMED_HASH);
    }

    @Test
    void reportsMissingHashAsMalformed() {
        assertThat(hasher.verify("correct horse battery", null)).isEqualTo(Verdict.MALFORMED_HASH);
    }

    @Test
    void showsOnlyTheCostInToString() {
        assertThat(hasher).hasToString("BcryptPasswordHasher[cost=4]");
    }

    @Test
    void acceptsTheHighestCostBcryptAllows() {
        assertThat(new BcryptPasswordHasher(31).cost()).isEqualTo(31);
    }
}
