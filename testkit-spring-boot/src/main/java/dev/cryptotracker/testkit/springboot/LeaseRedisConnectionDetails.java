package dev.cryptotracker.testkit.springboot;

import dev.cryptotracker.testkit.ConnectionDetails;
import java.net.URI;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.boot.data.redis.autoconfigure.DataRedisConnectionDetails;

/**
 * The lease's Redis database, for Spring Boot's Redis auto-configuration and for Redisson's starter, which reads
 * the same bean. Loaded only when spring-boot-data-redis is.
 */
final class LeaseRedisConnectionDetails implements DataRedisConnectionDetails {

    private final Standalone standalone;

    private LeaseRedisConnectionDetails(Standalone standalone) {
        this.standalone = standalone;
    }

    static void register(BeanDefinitionRegistry registry, ConnectionDetails details) {
        LeaseRedisConnectionDetails redis = new LeaseRedisConnectionDetails(standalone(details.redisUri()));
        TestkitContextCustomizer.register(registry, "testkitDataRedisConnectionDetails",
                DataRedisConnectionDetails.class, () -> redis);
    }

    /** {@code redis://host:port/index}, as {@link ConnectionDetails#redisUri()} gives it. */
    static Standalone standalone(String redisUri) {
        URI uri = URI.create(redisUri);
        String path = uri.getPath() == null ? "" : uri.getPath().replace("/", "");
        if (uri.getHost() == null || uri.getPort() < 0 || !path.matches("\\d+")) {
            throw new IllegalStateException("the testkit's Redis URI is not redis://host:port/index: " + redisUri);
        }
        return Standalone.of(uri.getHost(), uri.getPort(), Integer.parseInt(path));
    }

    @Override
    public Standalone getStandalone() {
        return standalone;
    }

    @Override
    public String toString() {
        return "LeaseRedisConnectionDetails[redis://" + standalone.getHost() + ":" + standalone.getPort() + "/"
                + standalone.getDatabase() + "]";
    }
}
