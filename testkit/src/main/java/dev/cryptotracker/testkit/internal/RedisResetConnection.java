package dev.cryptotracker.testkit.internal;

import redis.clients.jedis.Connection;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Protocol;
import redis.clients.jedis.exceptions.JedisException;

/**
 * A slot's own connection to its Redis database, used only to empty it before each test. {@link #sendFlush()}
 * puts {@code FLUSHDB} on the wire without waiting, so that the PostgreSQL half of the reset runs while Redis
 * flushes; {@link #awaitFlushed()} then reads the answer. One thread, no hop to another.
 */
final class RedisResetConnection extends Connection {

    RedisResetConnection(String host, int port, int database, String clientName) {
        super(new HostAndPort(host, port), RedisConnections.config(database, clientName));
    }

    /** Sends {@code FLUSHDB} (of this connection's database only, never {@code FLUSHALL}) and returns at once. */
    void sendFlush() {
        sendCommand(Protocol.Command.FLUSHDB);
        flush();
    }

    /** Waits for the answer to {@link #sendFlush()}. */
    void awaitFlushed() {
        String answer = getStatusCodeReply();
        if (!"OK".equals(answer)) {
            throw new JedisException("FLUSHDB answered " + answer);
        }
    }
}
