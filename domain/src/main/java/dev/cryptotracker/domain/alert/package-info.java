/** Price alerts: exact thresholds, owner-scoped access and evaluation that triggers each alert once. */
package dev.cryptotracker.domain.alert;
