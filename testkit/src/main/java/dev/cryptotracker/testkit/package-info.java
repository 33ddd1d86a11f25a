/**
 * The testkit's API: {@link dev.cryptotracker.testkit.Testkit} for JUnit Jupiter, {@link
 * dev.cryptotracker.testkit.TestkitServers} without it, their settings and the types they hand out.
 */
package dev.cryptotracker.testkit;
