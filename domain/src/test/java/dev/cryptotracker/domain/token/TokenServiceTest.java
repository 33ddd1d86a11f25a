package dev.cryptotracker.domain.token;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cryptotracker.domain.UnknownSymbolException;
import dev.cryptotracker.domain.ValidationException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The token service's rules at their edges and its answers passed through unchanged. The repository only records
 * and gives canned answers; TokenRepositoryIT and TokenRepositoryContractIT prove the real one.
 */
class TokenServiceTest {

    private static final Instant NOW = Instant.parse("2024-01-01T00:00:00Z");

    private final RecordingTokens tokens = new RecordingTokens();
    private final TokenService service = new TokenService(tokens);

    @Test
    void addHandsTheRepositoryTheCanonicalSymbolAndStrippedNameAndReturnsItsAnswer() {
        Token added = service.add(" sol ", " Solana ");

        assertThat(tokens.calls).containsExactly("create SOL|Solana");
        assertThat(added).isSameAs(tokens.lastCreated);
    }

    @Test
    void acceptsASymbolOfSixteenCharactersAndANameOfOneHundredAndRejectsOneMoreOfEither() {
        service.add("A".repeat(16), "n".repeat(100));

        assertThatThrownBy(() -> service.add("A".repeat(17), "Name"))
                .isInstanceOf(ValidationException.class)
                .hasMessageStartingWith("token symbol must be 1 to 16 ASCII letters or digits");
        assertThatThrownBy(() -> service.add("B", "n".repeat(101)))
                .isInstanceOf(ValidationException.class)
                .hasMessage("token name must be at most 100 characters, got 101");
        assertThat(tokens.calls).containsExactly("create " + "A".repeat(16) + "|" + "n".repeat(100));
    }

    @Test
    void listReturnsTheRepositorysList() {
        tokens.all = List.of(new Token(1, "BTC", "Bitcoin", NOW));

        assertThat(service.list()).isSameAs(tokens.all);
    }

    @Test
    void findBySymbolAsksWithTheCanonicalSymbolAndReturnsTheTokenOrSaysItIsUnknown() {
        tokens.found = Optional.of(new Token(2, "ETH", "Ether", NOW));
        assertThat(service.findBySymbol(" eth ")).isSameAs(tokens.found.get());

        tokens.found = Optional.empty();
        assertThatThrownBy(() -> service.findBySymbol("xrp"))
                .isInstanceOf(UnknownSymbolException.class)
                .hasMessage("no token with symbol XRP");
        assertThat(tokens.calls).containsExactly("findBySymbol ETH", "findBySymbol XRP");
    }

    private static final class RecordingTokens implements TokenRepository {

        final List<String> calls = new ArrayList<>();
        Token lastCreated;
        Optional<Token> found = Optional.empty();
        List<Token> all = List.of();

        @Override
        public Token create(String symbol, String name) {
            calls.add("create " + symbol + "|" + name);
            lastCreated = new Token(1, symbol, name, NOW);
            return lastCreated;
        }

        @Override
        public Optional<Token> findBySymbol(String symbol) {
            calls.add("findBySymbol " + symbol);
            return found;
        }

        @Override
        public List<Token> findAll() {
            return all;
        }
    }
}
