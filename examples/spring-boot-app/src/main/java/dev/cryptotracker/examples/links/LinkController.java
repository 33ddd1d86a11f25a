package dev.cryptotracker.examples.links;

import java.net.URI;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** {@code POST /links}, {@code GET /{code}} (a redirect) and {@code GET /links/{code}/visits}. */
@RestController
public class LinkController {

    private final Links links;

    public LinkController(Links links) {
        this.links = links;
    }

    @PostMapping("/links")
    public ResponseEntity<Map<String, String>> shorten(@RequestBody Map<String, String> body) {
        String code = links.shorten(body.get("url"));
        return ResponseEntity.created(URI.create("/" + code)).body(Map.of("code", code));
    }

    @GetMapping("/{code}")
    public ResponseEntity<Void> follow(@PathVariable String code) {
        return links.visit(code)
                .map(url -> ResponseEntity.status(HttpStatus.FOUND).location(URI.create(url)).<Void>build())
                .orElseGet(() -> ResponseEntity.notFound().build());
    }

    @GetMapping("/links/{code}/visits")
    public Map<String, Long> visits(@PathVariable String code) {
        return Map.of("visits", links.visits(code));
    }

    @ExceptionHandler(IllegalArgumentException.class)
    public ResponseEntity<Map<String, String>> rejected(IllegalArgumentException e) {
        return ResponseEntity.badRequest().body(Map.of("error", e.getMessage()));
    }
}
