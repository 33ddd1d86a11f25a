package dev.cryptotracker.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class DisplayTextTest {

    @Test
    void stripsSurroundingWhiteSpace() {
        assertThat(DisplayText.requireValid("user name", " Alice ", 100)).isEqualTo("Alice");
        assertThat(DisplayText.requireValid("token name", " Bitcoin ", 100)).isEqualTo("Bitcoin");
    }

    @Test
    void rejectsAMissingBlankControlOrOverlongName() {
        assertThatThrownBy(() -> DisplayText.requireValid("user name", null, 100))
                .isInstanceOf(ValidationException.class)
                .hasMessage("user name is required");
        assertThatThrownBy(() -> DisplayText.requireValid("user name", "  ", 100))
                .isInstanceOf(ValidationException.class)
                .hasMessage("user name must not be blank");
        assertThatThrownBy(() -> DisplayText.requireValid("token name", "Bit\u0000coin", 100))
                .isInstanceOf(ValidationException.class)
                .hasMessage("token name must not contain control characters");
        assertThatThrownBy(() -> DisplayText.requireValid("token name", "x".repeat(101), 100))
                .isInstanceOf(ValidationException.class)
                .hasMessage("token name must be at most 100 characters, got 101");
    }

    @Test
    void countsLengthInCodePointsAfterStripping() {
        String hundredEmoji = "😀".repeat(100);

        assertThat(DisplayText.requireValid("user name", "  " + hundredEmoji + "  ", 100)).isEqualTo(hundredEmoji);
        assertThatThrownBy(() -> DisplayText.requireValid("user name", hundredEmoji + "x", 100))
                .isInstanceOf(ValidationException.class)
                .hasMessage("user name must be at most 100 characters, got 101");
    }
}
