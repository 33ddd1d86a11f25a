package dev.cryptotracker.domain;

/** A token with this symbol is already registered. */
public class SymbolAlreadyExistsException extends CryptoTrackerException {

    public SymbolAlreadyExistsException(String symbol) {
        super("a token with symbol " + symbol + " already exists");
    }

    public SymbolAlreadyExistsException(String symbol, Throwable cause) {
        super("a token with symbol " + symbol + " already exists", cause);
    }
}
