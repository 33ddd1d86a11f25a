/** The auth service on real PostgreSQL and Redis: signup, login, sessions, faults and log output. */
package dev.cryptotracker.it.auth;
