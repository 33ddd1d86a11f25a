package dev.cryptotracker.it.token;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;

import dev.cryptotracker.domain.UnknownSymbolException;
import dev.cryptotracker.domain.ValidationException;
import dev.cryptotracker.domain.token.Token;
import dev.cryptotracker.domain.token.TokenService;
import dev.cryptotracker.it.ConnectionCounter;
import dev.cryptotracker.persistence.JooqTokenRepository;
import dev.cryptotracker.testkit.DatabaseHelper;
import dev.cryptotracker.testkit.Service;
import dev.cryptotracker.testkit.Testkit;
import javax.sql.DataSource;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The token service's own rules on the real schema, at and around each edge: the canonical symbol and the stripped
 * name are what is stored; refused input is refused before any SQL and stores nothing.
 */
@Testkit(Service.POSTGRES)
class TokenServiceIT {

    private final DSLContext sql;
    private final DatabaseHelper db;
    private final TokenService service;
    // The same service over a data source that counts its connections: a refusal that took none came before any SQL.
    private final ConnectionCounter connections;
    private final TokenService counted;

    TokenServiceIT(DSLContext sql, DataSource dataSource, DatabaseHelper db) {
        this.sql = sql;
        this.db = db;
        this.service = new TokenService(new JooqTokenRepository(sql));
        this.connections = new ConnectionCounter(dataSource);
        this.counted = new TokenService(new JooqTokenRepository(DSL.using(connections.dataSource(),
                SQLDialect.POSTGRES)));
    }

    @Test
    void storesTheSymbolUpperCasedAndListsTokensBySymbol() {
        Token ether = service.add(" eth ", "Ether");
        service.add("BTC", " Bitcoin ");

        assertThat(ether.symbol()).isEqualTo("ETH");
        assertThat(ether.name()).isEqualTo("Ether");
        assertThat(service.findBySymbol(" Eth ")).isEqualTo(ether);

        assertThat(service.list()).extracting(Token::symbol, Token::name)
                .containsExactly(tuple("BTC", "Bitcoin"), tuple("ETH", "Ether"));
        assertThat(service.findBySymbol("eth").name()).isEqualTo("Ether");
        assertThat(sql.fetchValue("SELECT string_agg(symbol || '|' || name, ',' ORDER BY symbol) FROM tokens"))
                .isEqualTo("BTC|Bitcoin,ETH|Ether");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "BT-C", "BTC/USD", "ABCDEFGHIJKLMNOPQ", "BT C", "Ⅻ", "B\u0000TC"})
    void rejectsASymbolThatIsNotOneToSixteenLettersOrDigits(String symbol) {
        assertThatThrownBy(() -> counted.add(symbol, "Name"))
                .isInstanceOf(ValidationException.class)
                .hasMessageStartingWith("token symbol must be 1 to 16 ASCII letters or digits, got '");
        assertThat(connections.opened()).isZero();
        assertThat(db.rowCount("tokens")).isZero();
    }

    @Test
    void rejectsAMissingBlankControlOrOverlongName() {
        assertThatThrownBy(() -> counted.add("BTC", null))
                .isInstanceOf(ValidationException.class)
                .hasMessage("token name is required");
        assertThatThrownBy(() -> counted.add("BTC", " "))
                .isInstanceOf(ValidationException.class)
                .hasMessage("token name must not be blank");
        assertThatThrownBy(() -> counted.add("BTC", "Bit\u0000coin"))
                .isInstanceOf(ValidationException.class)
                .hasMessage("token name must not contain control characters");
        assertThatThrownBy(() -> counted.add("BTC", "x".repeat(101)))
                .isInstanceOf(ValidationException.class)
                .hasMessage("token name must be at most 100 characters, got 101");
        assertThat(connections.opened()).isZero();
        assertThat(db.rowCount("tokens")).isZero();
    }

    @Test
    void acceptsASymbolOfSixteenCharactersAndANameOfOneHundredAndRefusesOneMoreOfEitherBeforeAnySql() {
        String sixteen = "a1".repeat(8);
        String hundred = "n".repeat(TokenService.MAX_NAME_LENGTH);

        assertThatThrownBy(() -> counted.add(sixteen + "b", "Name"))
                .isInstanceOf(ValidationException.class)
                .hasMessage("token symbol must be 1 to 16 ASCII letters or digits, got '" + sixteen + "b'");
        assertThatThrownBy(() -> counted.add("B", hundred + "n"))
                .isInstanceOf(ValidationException.class)
                .hasMessage("token name must be at most 100 characters, got 101");
        assertThat(connections.opened()).isZero();
        assertThat(db.rowCount("tokens")).isZero();

        Token token = service.add(sixteen, " " + hundred + " ");

        assertThat(token.symbol()).isEqualTo("A1".repeat(8));
        assertThat(token.name()).isEqualTo(hundred);
        assertThat(sql.fetchValue("SELECT symbol || '|' || name FROM tokens")).isEqualTo("A1".repeat(8) + "|" + hundred);
    }

    @Test
    void findBySymbolOfAnUnknownSymbolNamesItsCanonicalForm() {
        service.add("BTC", "Bitcoin");

        assertThatThrownBy(() -> service.findBySymbol(" xrp "))
                .isInstanceOf(UnknownSymbolException.class)
                .hasMessage("no token with symbol XRP");
        assertThatThrownBy(() -> counted.findBySymbol("X-RP"))
                .isInstanceOf(ValidationException.class)
                .hasMessage("token symbol must be 1 to 16 ASCII letters or digits, got 'X-RP'");
        assertThat(connections.opened()).isZero();
    }
}
