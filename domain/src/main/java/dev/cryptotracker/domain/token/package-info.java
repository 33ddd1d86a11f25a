/** Tokens (crypto currencies) that alerts may watch, identified by their symbol. */
package dev.cryptotracker.domain.token;
