package dev.cryptotracker.domain.token;

import dev.cryptotracker.domain.ValidationException;
import java.util.Locale;
import java.util.regex.Pattern;

/** The canonical form of a ticker symbol: 1 to 16 ASCII letters or digits, upper case. */
public final class TokenSymbol {

    /** Length of {@code tokens.symbol}. */
    public static final int MAX_LENGTH = 16;

    private static final Pattern SHAPE = Pattern.compile("[A-Z0-9]{1," + MAX_LENGTH + "}");

    private TokenSymbol() {
    }

    /**
     * Returns the symbol stripped and upper-cased ({@code " btc "} becomes {@code BTC}).
     *
     * @throws ValidationException when the symbol is null or not 1 to 16 letters or digits
     */
    public static String requireValid(String symbol) {
        if (symbol == null) {
            throw new ValidationException("token symbol is required");
        }
        String canonical = symbol.strip().toUpperCase(Locale.ROOT);
        if (!SHAPE.matcher(canonical).matches()) {
            throw new ValidationException("token symbol must be 1 to " + MAX_LENGTH
                    + " ASCII letters or digits, got '" + printable(symbol) + "'");
        }
        return canonical;
    }

    private static String printable(String value) {
        StringBuilder out = new StringBuilder();
        value.codePoints().limit(40).forEach(c -> {
            if (Character.isISOControl(c)) {
                out.append(String.format("\\u%04X", c));
            } else {
                out.appendCodePoint(c);
            }
        });
        return value.codePointCount(0, value.length()) > 40 ? out + "..." : out.toString();
    }
}
