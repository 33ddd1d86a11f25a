package dev.cryptotracker.benchmarks.springboot;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/** A Spring Boot application with only auto-configured beans: a DataSource, Flyway over our schema, Redis. */
@SpringBootApplication
public class BenchmarkApplication {
}
