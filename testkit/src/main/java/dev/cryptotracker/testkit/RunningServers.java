package dev.cryptotracker.testkit;

/**
 * What the testkit started: which provider, and which server each service runs on. Printed with a failing test's
 * diagnostics; useful for asserting that servers are shared.
 *
 * @param provider the provider that runs the servers, never {@link ProviderKind#AUTO}; {@code null} before any
 *                 server was started
 * @param postgres the PostgreSQL server, or {@code null} when not started
 * @param redis    the Redis server, or {@code null} when not started
 */
public record RunningServers(ProviderKind provider, Server postgres, Server redis) {

    /**
     * One running server.
     *
     * @param image   the image or distribution it runs from
     * @param id      the container id, or another identifier of the server process for non-Docker providers
     * @param address where it listens, without credentials
     */
    public record Server(String image, String id, String address) {
    }
}
