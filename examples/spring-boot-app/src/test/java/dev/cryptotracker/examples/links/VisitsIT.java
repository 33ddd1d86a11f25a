package dev.cryptotracker.examples.links;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cryptotracker.testkit.DatabaseHelper;
import dev.cryptotracker.testkit.springboot.AutoConfigureTestkit;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.ApplicationContext;
import org.springframework.data.redis.core.StringRedisTemplate;

/**
 * The same configuration as {@link LinksIT}, so the same cached context and the same testkit lease, and still a
 * clean database and Redis for every test, whichever class runs first.
 */
@SpringBootTest
@AutoConfigureMockMvc
@AutoConfigureTestkit
class VisitsIT {

    @Autowired
    Links links;
    @Autowired
    DatabaseHelper db;
    @Autowired
    StringRedisTemplate redis;
    @Autowired
    ApplicationContext context;

    @Test
    void sharesOneCachedContextWithLinksIT() {
        assertThat(SeenContexts.record(context)).isEqualTo(1);
    }

    @RepeatedTest(2)
    void countsVisitsFromZeroInEveryTest() {
        assertThat(db.rowCount("links")).isZero();
        assertThat(redis.keys("*")).isEmpty();

        String code = links.shorten("https://example.org/visits");
        links.visit(code);
        links.visit(code);

        assertThat(code).isEqualTo("1");
        assertThat(links.visits(code)).isEqualTo(2);
    }
}
