/** The testkit's API: the {@link dev.cryptotracker.testkit.Testkit} annotation and the types it injects. */
package dev.cryptotracker.testkit;
