package dev.cryptotracker.examples.links;

import java.net.URI;
import java.util.Optional;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Shortens links and counts their visits. */
@Service
public class Links {

    private final JdbcClient jdbc;
    private final StringRedisTemplate redis;

    public Links(JdbcClient jdbc, StringRedisTemplate redis) {
        this.jdbc = jdbc;
        this.redis = redis;
    }

    /**
     * Stores a link under a new short code.
     *
     * @throws IllegalArgumentException when the URL is not an absolute http(s) URL, or its host is blocked
     */
    @Transactional
    public String shorten(String url) {
        URI uri = parse(url);
        boolean blocked = jdbc.sql("SELECT EXISTS (SELECT 1 FROM blocked_hosts WHERE host = ?)")
                .param(uri.getHost().toLowerCase())
                .query(Boolean.class)
                .single();
        if (blocked) {
            throw new IllegalArgumentException("links to " + uri.getHost() + " are not allowed");
        }
        long id = jdbc.sql("SELECT nextval(pg_get_serial_sequence('links', 'id'))").query(Long.class).single();
        String code = Long.toString(id, 36);
        jdbc.sql("INSERT INTO links (id, code, url) OVERRIDING SYSTEM VALUE VALUES (?, ?, ?)")
                .params(id, code, url)
                .update();
        return code;
    }

    /** The link's URL, counting the visit; empty for an unknown code. */
    public Optional<String> visit(String code) {
        Optional<String> url = jdbc.sql("SELECT url FROM links WHERE code = ?").param(code).query(String.class)
                .optional();
        url.ifPresent(found -> redis.opsForValue().increment(visitsKey(code)));
        return url;
    }

    /** How often the link was visited. */
    public long visits(String code) {
        String count = redis.opsForValue().get(visitsKey(code));
        return count == null ? 0 : Long.parseLong(count);
    }

    private static String visitsKey(String code) {
        return "visits:" + code;
    }

    private static URI parse(String url) {
        try {
            URI uri = new URI(url);
            if (uri.getHost() == null || !("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))) {
                throw new IllegalArgumentException("not an absolute http(s) URL: " + url);
            }
            return uri;
        } catch (java.net.URISyntaxException e) {
            throw new IllegalArgumentException("not a URL: " + url, e);
        }
    }
}
