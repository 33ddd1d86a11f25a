package dev.cryptotracker.domain.alert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cryptotracker.domain.ValidationException;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AlertTypeTest {

    @Test
    void parsesAboveAndBelowInAnyCase() {
        assertThat(AlertType.parse("above")).isEqualTo(AlertType.ABOVE);
        assertThat(AlertType.parse(" BELOW ")).isEqualTo(AlertType.BELOW);
    }

    @ParameterizedTest
    @ValueSource(strings = {"sideways", "", "abov", "equal", "above;drop table alerts"})
    void rejectsAnyOtherType(String value) {
        assertThatThrownBy(() -> AlertType.parse(value))
                .isInstanceOf(ValidationException.class)
                .hasMessage("alert type must be 'above' or 'below', got '" + value + "'");
    }

    @Test
    void rejectsAMissingType() {
        assertThatThrownBy(() -> AlertType.parse(null))
                .isInstanceOf(ValidationException.class)
                .hasMessage("alert type is required: 'above' or 'below'");
    }

    @Test
    void countsAPriceEqualToTheThresholdAsMetOnBothSides() {
        BigDecimal threshold = new BigDecimal("100.00000000");
        assertThat(AlertType.ABOVE.isMetBy(new BigDecimal("100"), threshold)).isTrue();
        assertThat(AlertType.BELOW.isMetBy(new BigDecimal("100"), threshold)).isTrue();
        assertThat(AlertType.ABOVE.isMetBy(new BigDecimal("99.99999999"), threshold)).isFalse();
        assertThat(AlertType.BELOW.isMetBy(new BigDecimal("100.00000001"), threshold)).isFalse();
    }

    @Test
    void readsOnlyTheCodesTheSchemaAllows() {
        assertThat(AlertType.fromCode("above")).isEqualTo(AlertType.ABOVE);
        assertThatThrownBy(() -> AlertType.fromCode("ABOVE"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("unknown alert type in the database: ABOVE");
        assertThat(AlertStatus.fromCode("triggered")).isEqualTo(AlertStatus.TRIGGERED);
        assertThatThrownBy(() -> AlertStatus.fromCode("done"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("unknown alert status in the database: done");
    }

    @Test
    void storesTheLowerCaseCodesTheSchemaChecks() {
        assertThat(AlertType.ABOVE.code()).isEqualTo("above");
        assertThat(AlertType.BELOW.code()).isEqualTo("below");
        assertThat(AlertStatus.ACTIVE.code()).isEqualTo("active");
        assertThat(AlertStatus.TRIGGERED.code()).isEqualTo("triggered");
    }
}
