package dev.cryptotracker.domain.token;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cryptotracker.domain.ValidationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TokenSymbolTest {

    @Test
    void stripsAndUpperCasesTheSymbol() {
        assertThat(TokenSymbol.requireValid(" eth ")).isEqualTo("ETH");
        assertThat(TokenSymbol.requireValid("btc")).isEqualTo("BTC");
        assertThat(TokenSymbol.requireValid("ABCDEFGHIJKLMNO1")).isEqualTo("ABCDEFGHIJKLMNO1");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "BT-C", "BTC/USD", "ABCDEFGHIJKLMNOPQ", "BT C", "Ⅻ", "B\u0000TC"})
    void rejectsASymbolThatIsNotOneToSixteenLettersOrDigits(String symbol) {
        assertThatThrownBy(() -> TokenSymbol.requireValid(symbol))
                .isInstanceOf(ValidationException.class)
                .hasMessageStartingWith("token symbol must be 1 to 16 ASCII letters or digits, got '");
    }

    @Test
    void rejectsAMalformedSymbolQuotingItAsGiven() {
        assertThatThrownBy(() -> TokenSymbol.requireValid("BT-C"))
                .isInstanceOf(ValidationException.class)
                .hasMessage("token symbol must be 1 to 16 ASCII letters or digits, got 'BT-C'");
        assertThatThrownBy(() -> TokenSymbol.requireValid(""))
                .isInstanceOf(ValidationException.class)
                .hasMessage("token symbol must be 1 to 16 ASCII letters or digits, got ''");
    }

    @Test
    void showsAControlCharacterInASymbolEscaped() {
        assertThatThrownBy(() -> TokenSymbol.requireValid("B\u0000TC"))
                .isInstanceOf(ValidationException.class)
                .hasMessage("token symbol must be 1 to 16 ASCII letters or digits, got 'B\\u0000TC'");
    }

    @Test
    void rejectsAMissingSymbol() {
        assertThatThrownBy(() -> TokenSymbol.requireValid(null))
                .isInstanceOf(ValidationException.class)
                .hasMessage("token symbol is required");
    }

    @Test
    void quotesAMalformedSymbolInFullUpToFortyCharactersAndShortensLongerOnes() {
        String forty = "-".repeat(40);

        assertThatThrownBy(() -> TokenSymbol.requireValid(forty))
                .isInstanceOf(ValidationException.class)
                .hasMessage("token symbol must be 1 to 16 ASCII letters or digits, got '" + forty + "'");
        assertThatThrownBy(() -> TokenSymbol.requireValid(forty + "-"))
                .isInstanceOf(ValidationException.class)
                .hasMessage("token symbol must be 1 to 16 ASCII letters or digits, got '" + forty + "...'");
    }

    @Test
    void upperCasesWithoutTheDefaultLocale() {
        java.util.Locale before = java.util.Locale.getDefault();
        java.util.Locale.setDefault(java.util.Locale.forLanguageTag("tr-TR"));
        try {
            // In Turkish, "i".toUpperCase() is the dotted capital I (U+0130), which the symbol rule refuses.
            assertThat(TokenSymbol.requireValid("link")).isEqualTo("LINK");
        } finally {
            java.util.Locale.setDefault(before);
        }
    }
}
