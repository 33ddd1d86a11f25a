/** Redis-backed session store for the auth service, and the Redisson client settings that bound its failures. */
package dev.cryptotracker.sessions;
