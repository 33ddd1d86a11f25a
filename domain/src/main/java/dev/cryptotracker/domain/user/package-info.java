/** Users: the record, its repository port and the service that validates signups before any SQL. */
package dev.cryptotracker.domain.user;
