package dev.cryptotracker.domain;

/** No alert has this id. */
public class AlertNotFoundException extends CryptoTrackerException {

    public AlertNotFoundException(long alertId) {
        super("no alert with id " + alertId);
    }
}
