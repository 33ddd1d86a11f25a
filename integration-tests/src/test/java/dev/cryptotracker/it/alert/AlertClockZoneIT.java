package dev.cryptotracker.it.alert;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cryptotracker.domain.alert.Alert;
import dev.cryptotracker.domain.alert.AlertService;
import dev.cryptotracker.domain.alert.AlertType;
import dev.cryptotracker.domain.alert.NewAlert;
import dev.cryptotracker.domain.token.TokenService;
import dev.cryptotracker.domain.user.User;
import dev.cryptotracker.domain.user.UserService;
import dev.cryptotracker.persistence.JooqAlertRepository;
import dev.cryptotracker.persistence.JooqTokenRepository;
import dev.cryptotracker.persistence.JooqUserRepository;
import dev.cryptotracker.testkit.Service;
import dev.cryptotracker.testkit.Testkit;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Alert times are instants: with the service's clock in Kathmandu (UTC+05:45) — and, in CI's second pass, the JVM's
 * default zone in Kiritimati (UTC+14) — what is stored and what comes back is the clock's instant to the
 * microsecond, as PostgreSQL's {@code timestamptz} keeps it, whatever the zone of the clock, the JVM or the session.
 */
@Testkit(Service.POSTGRES)
class AlertClockZoneIT {

    private static final ZoneId KATHMANDU = ZoneId.of("Asia/Kathmandu");
    // 23:59 UTC is already the next day in Kathmandu and Kiritimati; a date taken from a zone would be off by one.
    private static final Instant CREATED = Instant.parse("2024-02-29T23:59:59.123456Z");
    private static final Instant EVALUATED = Instant.parse("2024-03-31T01:30:00.654321Z");

    private final DSLContext sql;
    private User alice;

    AlertClockZoneIT(DSLContext sql) {
        this.sql = sql;
    }

    @BeforeEach
    void createUserAndToken() {
        new TokenService(new JooqTokenRepository(sql)).add("BTC", "Bitcoin");
        alice = new UserService(new JooqUserRepository(sql)).create("alice@example.com", "Alice", "$2a$04$a");
    }

    @Test
    void creationTimeIsTheClocksInstantInTheDatabaseAndInWhatComesBack() {
        Alert alert = service(CREATED).create(alice.id(), "BTC", AlertType.ABOVE, BigDecimal.TEN);
        List<Alert> batch = service(CREATED.plusNanos(1_000)).createAll(alice.id(),
                List.of(new NewAlert("BTC", AlertType.BELOW, BigDecimal.ONE)));

        assertThat(alert.createdAt()).isEqualTo(CREATED);
        assertThat(batch.get(0).createdAt()).isEqualTo(CREATED.plusNanos(1_000));
        assertThat(service(EVALUATED).findById(alert.id()).createdAt()).isEqualTo(CREATED);
        assertThat(storedAsUtcText("created_at", alert.id())).isEqualTo("2024-02-29 23:59:59.123456");
        assertThat(storedAsUtcText("created_at", batch.get(0).id())).isEqualTo("2024-02-29 23:59:59.123457");
    }

    @Test
    void triggerTimeIsTheClocksInstantInTheDatabaseAndInWhatComesBack() {
        Alert alert = service(CREATED).create(alice.id(), "BTC", AlertType.ABOVE, BigDecimal.TEN);

        List<Alert> triggered = service(EVALUATED).evaluate("BTC", new BigDecimal("10"));

        assertThat(triggered).extracting(Alert::triggeredAt).containsExactly(EVALUATED);
        assertThat(service(CREATED).listByUser(alice.id())).extracting(Alert::triggeredAt).containsExactly(EVALUATED);
        assertThat(storedAsUtcText("triggered_at", alert.id())).isEqualTo("2024-03-31 01:30:00.654321");
    }

    @Test
    void theSessionsTimeZoneDoesNotChangeTheStoredInstant() {
        sql.connection(connection -> {
            DSLContext session = DSL.using(connection, SQLDialect.POSTGRES);
            session.execute("SET TIME ZONE 'Pacific/Kiritimati'");
            try {
                AlertService inKiritimati = new AlertService(new JooqAlertRepository(session),
                        new JooqTokenRepository(session), Clock.fixed(CREATED, KATHMANDU));
                Alert alert = inKiritimati.create(alice.id(), "BTC", AlertType.ABOVE, BigDecimal.TEN);

                assertThat(alert.createdAt()).isEqualTo(CREATED);
                assertThat(inKiritimati.findById(alert.id()).createdAt()).isEqualTo(CREATED);
                assertThat(service(CREATED).findById(alert.id()).createdAt()).isEqualTo(CREATED);
                assertThat(storedAsUtcText("created_at", alert.id())).isEqualTo("2024-02-29 23:59:59.123456");
            } finally {
                session.execute("RESET TIME ZONE");
            }
        });
    }

    private AlertService service(Instant now) {
        return new AlertService(new JooqAlertRepository(sql), new JooqTokenRepository(sql), Clock.fixed(now, KATHMANDU));
    }

    private String storedAsUtcText(String column, long id) {
        return sql.fetchValue("SELECT to_char(" + column + " AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS.US') "
                + "FROM alerts WHERE id = ?", id).toString();
    }
}
