package dev.cryptotracker.testkit;

/**
 * How to reach the testkit's servers from code under test, for example to build an application's own pool.
 * {@link #toString()} leaves the password out.
 *
 * @param jdbcUrl  JDBC URL of the PostgreSQL database, or {@code null} when the class asked for no PostgreSQL
 * @param username PostgreSQL user
 * @param password PostgreSQL password
 * @param redisUri Redis URI including the testkit's database index ({@code redis://host:port/index}), or
 *                 {@code null} when the class asked for no Redis
 */
public record ConnectionDetails(String jdbcUrl, String username, String password, String redisUri) {

    @Override
    public String toString() {
        return "ConnectionDetails[jdbcUrl=" + jdbcUrl + ", username=" + username + ", password=***, redisUri="
                + redisUri + "]";
    }
}
