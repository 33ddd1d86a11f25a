/** jOOQ repositories over a HikariCP pool; database failures leave here as the domain's typed exceptions. */
package dev.cryptotracker.persistence;
