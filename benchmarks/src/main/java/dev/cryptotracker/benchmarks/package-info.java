/** The reset benchmark: the testkit's per-test reset against the alternatives, on the same servers. */
package dev.cryptotracker.benchmarks;
