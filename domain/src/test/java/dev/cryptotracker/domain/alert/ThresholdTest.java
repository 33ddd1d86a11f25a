package dev.cryptotracker.domain.alert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cryptotracker.domain.ValidationException;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ThresholdTest {

    @Test
    void acceptsTheLargestAndSmallestValuesTheColumnHolds() {
        assertThat(Threshold.of(new BigDecimal("99999999999.99999999")).value())
                .isEqualTo(new BigDecimal("99999999999.99999999"));
        assertThat(Threshold.of(new BigDecimal("0.00000001")).value()).isEqualTo(new BigDecimal("0.00000001"));
    }

    @Test
    void normalizesToScaleEightWithoutChangingTheValue() {
        assertThat(Threshold.of(new BigDecimal("42")).value()).hasToString("42.00000000");
        assertThat(Threshold.of(new BigDecimal("1.50000000000")).value()).hasToString("1.50000000");
        assertThat(Threshold.parse("1e3").value()).hasToString("1000.00000000");
    }

    @Test
    void rejectsNineDecimalPlaces() {
        assertThatThrownBy(() -> Threshold.of(new BigDecimal("0.123456789")))
                .isInstanceOf(ValidationException.class)
                .hasMessage("threshold must have at most 8 decimal places, got 9: 0.123456789");
        assertThatThrownBy(() -> Threshold.parse("1.000000001"))
                .isInstanceOf(ValidationException.class)
                .hasMessageContaining("at most 8 decimal places");
    }

    @Test
    void acceptsTrailingZerosBeyondTheEighthDecimal() {
        assertThat(Threshold.of(new BigDecimal("2.500000000000")).value()).isEqualTo(new BigDecimal("2.50000000"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"100000000000", "100000000000.00000001", "1E+12", "1E+999999999"})
    void rejectsTenToTheEleventhAndAbove(String value) {
        assertThatThrownBy(() -> Threshold.of(new BigDecimal(value)))
                .isInstanceOf(ValidationException.class)
                .hasMessageStartingWith("threshold must be less than 100000000000, got ");
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "0.00000000", "-0.00000001", "-5"})
    void rejectsZeroAndNegativeValues(String value) {
        assertThatThrownBy(() -> Threshold.of(new BigDecimal(value)))
                .isInstanceOf(ValidationException.class)
                .hasMessageStartingWith("threshold must be greater than 0, got ");
    }

    @Test
    void rejectsNull() {
        assertThatThrownBy(() -> Threshold.of((BigDecimal) null))
                .isInstanceOf(ValidationException.class)
                .hasMessage("threshold is required");
        assertThatThrownBy(() -> Threshold.parse(null))
                .isInstanceOf(ValidationException.class)
                .hasMessage("threshold is required");
        assertThatThrownBy(() -> Threshold.parse("  "))
                .isInstanceOf(ValidationException.class)
                .hasMessage("threshold is required");
    }

    @Test
    void rejectsNanAndInfinityFromADouble() {
        assertThatThrownBy(() -> Threshold.of(Double.NaN))
                .isInstanceOf(ValidationException.class)
                .hasMessage("threshold must be a finite number, got NaN");
        assertThatThrownBy(() -> Threshold.of(Double.POSITIVE_INFINITY))
                .isInstanceOf(ValidationException.class)
                .hasMessage("threshold must be a finite number, got Infinity");
        assertThatThrownBy(() -> Threshold.of(Double.NEGATIVE_INFINITY))
                .isInstanceOf(ValidationException.class)
                .hasMessage("threshold must be a finite number, got -Infinity");
    }

    @ParameterizedTest
    @ValueSource(strings = {"NaN", "Infinity", "-Infinity", "inf", "12,5", "0x10", "one"})
    void rejectsNanInfinityAndNonNumbersFromAString(String text) {
        assertThatThrownBy(() -> Threshold.parse(text))
                .isInstanceOf(ValidationException.class)
                .hasMessage("threshold must be a decimal number, got '" + text + "'");
    }

    @Test
    void takesTheShortestDecimalOfADoubleSoPointOneIsExact() {
        Threshold threshold = Threshold.of(0.1);

        assertThat(threshold.value()).isEqualTo(new BigDecimal("0.10000000"));
        assertThat(threshold.value().toPlainString()).isEqualTo("0.10000000");
        // new BigDecimal(0.1) would be 0.1000000000000000055511151231257827...: never used.
        assertThat(new BigDecimal(0.1).scale()).isGreaterThan(8);
    }

    @Test
    void rejectsADoubleWhoseShortestDecimalHasMoreThanEightPlaces() {
        assertThatThrownBy(() -> Threshold.of(1.0 / 3.0))
                .isInstanceOf(ValidationException.class)
                .hasMessageContaining("at most 8 decimal places");
    }

    @Test
    void quotesUnparsableTextUpToFortyCharacters() {
        String forty = "x".repeat(40);

        assertThatThrownBy(() -> Threshold.parse(forty))
                .isInstanceOf(ValidationException.class)
                .hasMessage("threshold must be a decimal number, got '" + forty + "'");
        assertThatThrownBy(() -> Threshold.parse(forty + "y"))
                .isInstanceOf(ValidationException.class)
                .hasMessage("threshold must be a decimal number, got '" + forty + "...'");
    }

    @Test
    void writesTooLargeValuesInFullUpToThirtyIntegerDigitsAndInScientificNotationBeyond() {
        assertThatThrownBy(() -> Threshold.of(new BigDecimal("1E+29")))
                .isInstanceOf(ValidationException.class)
                .hasMessage("threshold must be less than 100000000000, got 1" + "0".repeat(29));
        assertThatThrownBy(() -> Threshold.of(new BigDecimal("1E+30")))
                .isInstanceOf(ValidationException.class)
                .hasMessage("threshold must be less than 100000000000, got 1E+30");
    }

    @Test
    void acceptsTheLargestValueJustUnderTenToTheEleventhAndRejectsTenToTheEleventhExactly() {
        assertThat(Threshold.of(new BigDecimal("99999999999.99999999")).value()).hasToString("99999999999.99999999");
        assertThatThrownBy(() -> Threshold.of(new BigDecimal("100000000000.00000000")))
                .isInstanceOf(ValidationException.class)
                .hasMessage("threshold must be less than 100000000000, got 100000000000.00000000");
    }
}
