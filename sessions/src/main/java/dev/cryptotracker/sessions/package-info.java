/**
 * Redis-backed session store (with a per-user index of sessions) and login attempt counters for the auth service, and
 * the Redisson client settings that bound their failures.
 */
package dev.cryptotracker.sessions;
