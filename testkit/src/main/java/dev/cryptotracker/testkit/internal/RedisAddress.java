package dev.cryptotracker.testkit.internal;

import dev.cryptotracker.testkit.TestkitConfigurationException;
import java.net.URI;

/**
 * Host and port of a Redis server, from {@code redis://host:port}.
 *
 * @param host the host
 * @param port the port
 */
record RedisAddress(String host, int port) {

    static RedisAddress parse(String url) {
        URI uri;
        try {
            uri = URI.create(url.trim());
        } catch (IllegalArgumentException e) {
            throw new TestkitConfigurationException("TESTKIT_REDIS_URL must look like redis://host:port", e);
        }
        if (!"redis".equals(uri.getScheme()) || uri.getHost() == null) {
            throw new TestkitConfigurationException("TESTKIT_REDIS_URL must look like redis://host:port, was '"
                    + (uri.getUserInfo() == null ? url : "redis://…@" + uri.getHost()) + "'");
        }
        if (uri.getUserInfo() != null) {
            throw new TestkitConfigurationException("TESTKIT_REDIS_URL carries credentials, which the testkit "
                    + "does not send; use a Redis without requirepass, as redis://" + uri.getHost()
                    + (uri.getPort() == -1 ? "" : ":" + uri.getPort()));
        }
        String path = uri.getPath() == null ? "" : uri.getPath();
        if (!path.isEmpty() && !path.equals("/")) {
            throw new TestkitConfigurationException("TESTKIT_REDIS_URL names database " + path.substring(1)
                    + "; leave the index out (redis://" + uri.getHost() + ":" + uri.getPort() + "): the testkit "
                    + "claims a free index itself, so that runs sharing the server never collide");
        }
        return new RedisAddress(uri.getHost(), uri.getPort() == -1 ? 6379 : uri.getPort());
    }

    @Override
    public String toString() {
        return host + ":" + port;
    }
}
