package dev.cryptotracker.domain.alert;

import dev.cryptotracker.domain.AlertNotFoundException;
import dev.cryptotracker.domain.UnknownSymbolException;
import dev.cryptotracker.domain.ValidationException;
import dev.cryptotracker.domain.token.TokenRepository;
import dev.cryptotracker.domain.token.TokenSymbol;
import java.math.BigDecimal;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/** Creates, finds, deletes and evaluates price alerts. Times come from the injected {@link Clock}. */
public final class AlertService {

    /** How many alerts one {@link #createAll} call may create. */
    public static final int MAX_ALERTS_PER_BATCH = 100;

    private final AlertRepository alerts;
    private final TokenRepository tokens;
    private final Clock clock;

    public AlertService(AlertRepository alerts, TokenRepository tokens, Clock clock) {
        this.alerts = Objects.requireNonNull(alerts, "alerts");
        this.tokens = Objects.requireNonNull(tokens, "tokens");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Creates an active alert.
     *
     * @throws ValidationException for a bad user id, symbol, type or threshold (see {@link Threshold})
     * @throws UnknownSymbolException when no token has the symbol
     * @throws dev.cryptotracker.domain.UserNotFoundException when the user does not exist
     */
    public Alert create(long userId, String symbol, AlertType type, BigDecimal threshold) {
        requireUserId(userId);
        NewAlert alert = validate(new NewAlert(symbol, type, threshold));
        requireKnownSymbols(Set.of(alert.symbol()));
        return alerts.create(userId, alert, clock.instant());
    }

    /**
     * Creates several alerts for one user in one transaction: either all are stored or none is.
     *
     * @throws ValidationException when any request is invalid (nothing is stored), or for an empty or oversized batch
     * @throws UnknownSymbolException when a symbol is unknown (nothing is stored)
     */
    public List<Alert> createAll(long userId, List<NewAlert> requests) {
        requireUserId(userId);
        if (requests == null || requests.isEmpty()) {
            throw new ValidationException("at least one alert is required");
        }
        if (requests.size() > MAX_ALERTS_PER_BATCH) {
            throw new ValidationException(
                    "at most " + MAX_ALERTS_PER_BATCH + " alerts per request, got " + requests.size());
        }
        List<NewAlert> valid = new ArrayList<>(requests.size());
        Set<String> symbols = new LinkedHashSet<>();
        for (NewAlert request : requests) {
            if (request == null) {
                throw new ValidationException("alert request must not be null");
            }
            NewAlert alert = validate(request);
            valid.add(alert);
            symbols.add(alert.symbol());
        }
        requireKnownSymbols(symbols);
        return alerts.createAll(userId, List.copyOf(valid), clock.instant());
    }

    /** @throws AlertNotFoundException when no alert has this id */
    public Alert findById(long alertId) {
        return alerts.findById(alertId).orElseThrow(() -> new AlertNotFoundException(alertId));
    }

    /** The user's alerts, oldest first. */
    public List<Alert> listByUser(long userId) {
        return alerts.findByUserId(userId);
    }

    /**
     * Deletes an alert of this user. Another user's alert, or an unknown id, is left alone.
     *
     * @return whether an alert was deleted
     */
    public boolean delete(long alertId, long userId) {
        return alerts.deleteByIdAndUserId(alertId, userId);
    }

    /**
     * Triggers every active alert on {@code symbol} that {@code price} meets ({@code above}: price &ge; threshold,
     * {@code below}: price &le; threshold). Safe to call from several workers at once: each alert is triggered by
     * exactly one call, which alone returns it.
     *
     * @return the alerts this call triggered
     * @throws ValidationException for a bad symbol or a missing or non-positive price
     */
    public List<Alert> evaluate(String symbol, BigDecimal price) {
        String validSymbol = TokenSymbol.requireValid(symbol);
        if (price == null) {
            throw new ValidationException("price is required");
        }
        if (price.signum() <= 0) {
            throw new ValidationException("price must be greater than 0, got " + price.toPlainString());
        }
        return alerts.triggerMatching(validSymbol, price, clock.instant());
    }

    private static NewAlert validate(NewAlert request) {
        String symbol = TokenSymbol.requireValid(request.symbol());
        if (request.type() == null) {
            throw new ValidationException("alert type is required: 'above' or 'below'");
        }
        Threshold threshold = Threshold.of(request.threshold());
        return new NewAlert(symbol, request.type(), threshold.value());
    }

    private static void requireUserId(long userId) {
        if (userId <= 0) {
            throw new ValidationException("user id must be greater than 0, got " + userId);
        }
    }

    private void requireKnownSymbols(Set<String> symbols) {
        for (String symbol : symbols) {
            if (tokens.findBySymbol(symbol).isEmpty()) {
                throw new UnknownSymbolException(symbol);
            }
        }
    }
}
