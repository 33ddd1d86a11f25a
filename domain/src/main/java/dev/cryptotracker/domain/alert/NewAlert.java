package dev.cryptotracker.domain.alert;

import java.math.BigDecimal;

/**
 * What a user asks for when creating an alert. {@link AlertService} validates it; repositories receive only
 * validated instances (canonical symbol, threshold of scale 8).
 *
 * @param symbol    token symbol
 * @param type      which side of the threshold triggers
 * @param threshold the threshold
 */
public record NewAlert(String symbol, AlertType type, BigDecimal threshold) {
}
