/** Signup, login and sessions: password rules and hashing, HS256 session tokens, and the ports they run on. */
package dev.cryptotracker.domain.auth;
