package dev.cryptotracker.domain;

/** No token is registered under this symbol. */
public class UnknownSymbolException extends CryptoTrackerException {

    public UnknownSymbolException(String symbol) {
        super("no token with symbol " + symbol);
    }

    public UnknownSymbolException(String symbol, Throwable cause) {
        super("no token with symbol " + symbol, cause);
    }
}
