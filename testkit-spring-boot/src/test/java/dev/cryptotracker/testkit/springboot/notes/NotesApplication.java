package dev.cryptotracker.testkit.springboot.notes;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/** A small application for the module's tests: notes in PostgreSQL, the last note of each colour in Redis. */
@SpringBootApplication
public class NotesApplication {
}
