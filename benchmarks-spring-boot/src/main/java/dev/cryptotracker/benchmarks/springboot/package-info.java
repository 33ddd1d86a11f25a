/** The Spring Boot reset benchmark: the testkit's per-test reset in a Spring test context against zonky's refresh. */
package dev.cryptotracker.benchmarks.springboot;
