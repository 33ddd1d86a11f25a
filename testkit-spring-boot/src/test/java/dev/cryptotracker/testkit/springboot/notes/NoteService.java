package dev.cryptotracker.testkit.springboot.notes;

import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/** Stores a note and remembers it as the last one of its colour. */
@Service
public class NoteService {

    private final JdbcClient jdbc;
    private final StringRedisTemplate redis;

    public NoteService(JdbcClient jdbc, StringRedisTemplate redis) {
        this.jdbc = jdbc;
        this.redis = redis;
    }

    /** Stores the note and returns its id. */
    public long add(String text, String colour) {
        long id = jdbc.sql("INSERT INTO notes (text, colour) VALUES (?, ?) RETURNING id")
                .params(text, colour)
                .query(Long.class)
                .single();
        redis.opsForValue().set("last-note:" + colour, Long.toString(id));
        return id;
    }

    /** How many notes are stored. */
    public long count() {
        return jdbc.sql("SELECT count(*) FROM notes").query(Long.class).single();
    }
}
