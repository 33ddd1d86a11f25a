package dev.cryptotracker.examples.links;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** A link shortener: links in PostgreSQL, visit counts in Redis. */
@SpringBootApplication
public class LinksApplication {

    public static void main(String[] args) {
        SpringApplication.run(LinksApplication.class, args);
    }
}
