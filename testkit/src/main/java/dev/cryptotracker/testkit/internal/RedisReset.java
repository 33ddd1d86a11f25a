package dev.cryptotracker.testkit.internal;

import redis.clients.jedis.Connection;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Protocol;
import redis.clients.jedis.exceptions.JedisConnectionException;
import redis.clients.jedis.exceptions.JedisException;

/**
 * A slot's own connection to its Redis database, used only to empty it. {@link #send()} puts {@code FLUSHDB} (of
 * this database only, never {@code FLUSHALL}) on the wire without waiting, so that the PostgreSQL half of the reset
 * runs while Redis flushes; {@link #await()} then reads the answer. One thread, no hop to another. A connection that
 * broke since the last flush (the server restarted, or dropped its clients) is replaced once, and the flush, which
 * is idempotent, sent again. Used by one thread at a time (its slot's holder).
 */
final class RedisReset implements AutoCloseable {

    private final String host;
    private final int port;
    private final int database;
    private final String clientName;
    private FlushConnection connection;
    private RuntimeException sendFailure;

    RedisReset(String host, int port, int database, String clientName) {
        this.host = host;
        this.port = port;
        this.database = database;
        this.clientName = clientName;
    }

    /** Sends the flush and returns at once; a failure is kept for {@link #await()}. */
    void send() {
        sendFailure = null;
        try {
            connection().sendFlush();
        } catch (RuntimeException e) {
            sendFailure = e;
        }
    }

    /** Waits for the flush's answer, flushing once more on a new connection when the old one broke. */
    void await() {
        try {
            if (sendFailure != null) {
                throw sendFailure;
            }
            connection.awaitFlushed();
        } catch (JedisConnectionException e) {
            close();
            try {
                connection().sendFlush();
                connection.awaitFlushed();
            } catch (RuntimeException again) {
                close();
                throw failure(again);
            }
        } catch (RuntimeException e) {
            close();
            throw failure(e);
        }
    }

    private IllegalStateException failure(RuntimeException cause) {
        return new IllegalStateException("could not flush Redis database " + database + " at " + host + ":" + port,
                cause);
    }

    private FlushConnection connection() {
        if (connection == null) {
            connection = new FlushConnection(new HostAndPort(host, port), database, clientName);
            connection.connect();
        }
        return connection;
    }

    @Override
    public void close() {
        if (connection != null) {
            connection.close();
            connection = null;
        }
    }

    /** Jedis' connection, with the flush of its output made available without reading an answer. */
    private static final class FlushConnection extends Connection {

        FlushConnection(HostAndPort address, int database, String clientName) {
            super(address, RedisConnections.config(database, clientName));
        }

        void sendFlush() {
            sendCommand(Protocol.Command.FLUSHDB);
            flush();
        }

        void awaitFlushed() {
            String answer = getStatusCodeReply();
            if (!"OK".equals(answer)) {
                throw new JedisException("FLUSHDB answered " + answer);
            }
        }
    }
}
