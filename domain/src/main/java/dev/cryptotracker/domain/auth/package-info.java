/**
 * Signup, login and sessions, log out everywhere, password change and account deletion: password rules and hashing,
 * login throttling, HS256 session tokens, and the ports they run on.
 */
package dev.cryptotracker.domain.auth;
