package dev.cryptotracker.it.token;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;

import dev.cryptotracker.domain.ValidationException;
import dev.cryptotracker.domain.token.Token;
import dev.cryptotracker.domain.token.TokenService;
import dev.cryptotracker.persistence.JooqTokenRepository;
import dev.cryptotracker.testkit.DatabaseHelper;
import dev.cryptotracker.testkit.Service;
import dev.cryptotracker.testkit.Testkit;
import org.jooq.DSLContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The token service's own rules on the real schema: stripped input is what is stored, refused input stores nothing. */
@Testkit(Service.POSTGRES)
class TokenServiceIT {

    private final DSLContext sql;
    private final DatabaseHelper db;
    private final TokenService service;

    TokenServiceIT(DSLContext sql, DatabaseHelper db) {
        this.sql = sql;
        this.db = db;
        this.service = new TokenService(new JooqTokenRepository(sql));
    }

    @Test
    void storesTheSymbolUpperCasedAndListsTokensBySymbol() {
        service.add(" eth ", "Ether");
        service.add("BTC", " Bitcoin ");

        assertThat(service.list()).extracting(Token::symbol, Token::name)
                .containsExactly(tuple("BTC", "Bitcoin"), tuple("ETH", "Ether"));
        assertThat(service.findBySymbol("eth").name()).isEqualTo("Ether");
        assertThat(sql.fetchValue("SELECT string_agg(symbol || '|' || name, ',' ORDER BY symbol) FROM tokens"))
                .isEqualTo("BTC|Bitcoin,ETH|Ether");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "BT-C", "BTC/USD", "ABCDEFGHIJKLMNOPQ", "BT C", "Ⅻ", "B\u0000TC"})
    void rejectsASymbolThatIsNotOneToSixteenLettersOrDigits(String symbol) {
        assertThatThrownBy(() -> service.add(symbol, "Name"))
                .isInstanceOf(ValidationException.class)
                .hasMessageStartingWith("token symbol must be 1 to 16 ASCII letters or digits, got '");
        assertThat(db.rowCount("tokens")).isZero();
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
        assertThat(db.rowCount("tokens")).isZero();
    }
}
