package dev.cryptotracker.domain.token;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cryptotracker.domain.SymbolAlreadyExistsException;
import dev.cryptotracker.domain.UnknownSymbolException;
import dev.cryptotracker.domain.ValidationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TokenServiceTest {

    private final InMemoryTokenRepository tokens = new InMemoryTokenRepository();
    private final TokenService service = new TokenService(tokens);

    @Test
    void storesTheSymbolUpperCasedAndListsTokensBySymbol() {
        service.add(" eth ", "Ether");
        service.add("BTC", " Bitcoin ");

        assertThat(service.list()).extracting(Token::symbol, Token::name)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("BTC", "Bitcoin"),
                        org.assertj.core.groups.Tuple.tuple("ETH", "Ether"));
        assertThat(service.findBySymbol("eth").name()).isEqualTo("Ether");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "BT-C", "BTC/USD", "ABCDEFGHIJKLMNOPQ", "BT C", "Ⅻ", "B\u0000TC"})
    void rejectsASymbolThatIsNotOneToSixteenLettersOrDigits(String symbol) {
        assertThatThrownBy(() -> service.add(symbol, "Name"))
                .isInstanceOf(ValidationException.class)
                .hasMessageStartingWith("token symbol must be 1 to 16 ASCII letters or digits, got '");
        assertThat(tokens.creates()).isZero();
    }

    @Test
    void showsAControlCharacterInASymbolEscaped() {
        assertThatThrownBy(() -> service.add("B\u0000TC", "Name"))
                .isInstanceOf(ValidationException.class)
                .hasMessage("token symbol must be 1 to 16 ASCII letters or digits, got 'B\\u0000TC'");
    }

    @Test
    void rejectsAMissingSymbol() {
        assertThatThrownBy(() -> service.add(null, "Name"))
                .isInstanceOf(ValidationException.class)
                .hasMessage("token symbol is required");
    }

    @Test
    void rejectsAMissingBlankControlOrOverlongName() {
        assertThatThrownBy(() -> service.add("BTC", null))
                .isInstanceOf(ValidationException.class)
                .hasMessage("token name is required");
        assertThatThrownBy(() -> service.add("BTC", " "))
                .isInstanceOf(ValidationException.class)
                .hasMessage("token name must not be blank");
        assertThatThrownBy(() -> service.add("BTC", "Bit\u0000coin"))
                .isInstanceOf(ValidationException.class)
                .hasMessage("token name must not contain control characters");
        assertThatThrownBy(() -> service.add("BTC", "x".repeat(101)))
                .isInstanceOf(ValidationException.class)
                .hasMessage("token name must be at most 100 characters, got 101");
        assertThat(tokens.creates()).isZero();
    }

    @Test
    void reportsATakenSymbol() {
        service.add("BTC", "Bitcoin");

        assertThatThrownBy(() -> service.add("btc", "Bitcoin again"))
                .isInstanceOf(SymbolAlreadyExistsException.class)
                .hasMessage("a token with symbol BTC already exists");
    }

    @Test
    void findBySymbolOfAnUnknownTokenThrowsUnknownSymbol() {
        assertThatThrownBy(() -> service.findBySymbol("XRP"))
                .isInstanceOf(UnknownSymbolException.class)
                .hasMessage("no token with symbol XRP");
    }
}
