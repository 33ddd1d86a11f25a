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
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

@SpringBootTest
@AutoConfigureMockMvc
@AutoConfigureTestkit
class LinksIT {

    @Autowired
    MockMvcTester mvc;
    @Autowired
    DatabaseHelper db;
    @Autowired
    StringRedisTemplate redis;
    @Autowired
    ApplicationContext context;

    @Test
    void sharesOneCachedContextWithVisitsIT() {
        assertThat(SeenContexts.record(context)).isEqualTo(1);
    }

    @RepeatedTest(2)
    void everyTestStartsWithoutLinksAndVisitsButWithTheBlockedHosts() {
        assertThat(db.rowCount("links")).isZero();
        assertThat(db.rowCount("blocked_hosts")).isEqualTo(2);
        assertThat(redis.keys("*")).isEmpty();

        assertThat(mvc.post().uri("/links").contentType(MediaType.APPLICATION_JSON)
                .content("{\"url\": \"https://example.org/\"}"))
                .hasStatus(HttpStatus.CREATED)
                .bodyJson().extractingPath("$.code").isEqualTo("1");
        assertThat(mvc.get().uri("/1"))
                .hasStatus(HttpStatus.FOUND)
                .hasHeader("Location", "https://example.org/");
        assertThat(mvc.get().uri("/links/1/visits"))
                .bodyJson().extractingPath("$.visits").isEqualTo(1);
    }

    @Test
    void refusesLinksToBlockedHostsAndStoresNothing() {
        assertThat(mvc.post().uri("/links").contentType(MediaType.APPLICATION_JSON)
                .content("{\"url\": \"https://evil.example/login\"}"))
                .hasStatus(HttpStatus.BAD_REQUEST)
                .bodyJson().extractingPath("$.error").isEqualTo("links to evil.example are not allowed");
        assertThat(db.rowCount("links")).isZero();
    }
}
