package dev.cryptotracker.testkit.springboot;

import dev.cryptotracker.testkit.ConnectionDetails;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails;

/** The lease's database, for Spring Boot's DataSource auto-configuration. Loaded only when spring-boot-jdbc is. */
final class LeaseJdbcConnectionDetails implements JdbcConnectionDetails {

    private final String jdbcUrl;
    private final String username;
    private final String password;

    private LeaseJdbcConnectionDetails(ConnectionDetails details) {
        this.jdbcUrl = details.jdbcUrl();
        this.username = details.username();
        this.password = details.password();
    }

    static void register(BeanDefinitionRegistry registry, ConnectionDetails details) {
        LeaseJdbcConnectionDetails jdbc = new LeaseJdbcConnectionDetails(details);
        TestkitContextCustomizer.register(registry, "testkitJdbcConnectionDetails", JdbcConnectionDetails.class,
                () -> jdbc);
    }

    @Override
    public String getJdbcUrl() {
        return jdbcUrl;
    }

    @Override
    public String getUsername() {
        return username;
    }

    @Override
    public String getPassword() {
        return password;
    }

    @Override
    public String toString() {
        return "LeaseJdbcConnectionDetails[jdbcUrl=" + jdbcUrl + ", username=" + username + ", password=***]";
    }
}
