/** The testkit's implementation: providers, servers, settings and reset. Not API; may change in any release. */
package dev.cryptotracker.testkit.internal;
