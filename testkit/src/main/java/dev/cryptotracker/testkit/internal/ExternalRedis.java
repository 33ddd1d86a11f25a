package dev.cryptotracker.testkit.internal;

import dev.cryptotracker.testkit.RunningServers;
import dev.cryptotracker.testkit.TestkitConfigurationException;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.Jedis;

/** Claimed database indexes on an existing Redis server, renewed while this JVM runs (see {@link RedisIndexClaims}). */
final class ExternalRedis implements RedisServer {

    static final Duration CLAIM_TTL = Duration.ofSeconds(60);

    private static final Logger log = LoggerFactory.getLogger(ExternalRedis.class);
    private static final Pattern VERSION = Pattern.compile("redis_version:(\\S+)");

    private final RedisAddress address;
    private final Jedis client;
    private final RedisIndexClaims claims;
    private final String owner;
    private final int database;
    private final int databases;
    private final String version;
    private final ScheduledExecutorService renewal;
    /** Indexes claimed for the slots of parallel tests; slot 0 holds {@link #database}. */
    private final Map<Integer, Integer> slotDatabases = new ConcurrentHashMap<>();

    private ExternalRedis(RedisAddress address, Jedis client, String owner, int database, int databases,
                          String version) {
        this.address = address;
        this.client = client;
        this.claims = new RedisIndexClaims(client);
        this.owner = owner;
        this.database = database;
        this.databases = databases;
        this.version = version;
        slotDatabases.put(0, database);
        this.renewal = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "testkit-redis-claim-" + database);
            thread.setDaemon(true);
            return thread;
        });
        long every = CLAIM_TTL.toMillis() / 3;
        renewal.scheduleAtFixedRate(this::renew, every, every, TimeUnit.MILLISECONDS);
    }

    static ExternalRedis claim(RedisAddress address, String owner) {
        Jedis client;
        String info;
        try {
            // Jedis connects as it is made: a server that does not answer fails here, with the same message.
            client = RedisConnections.connect(address.host(), address.port(), 0, "testkit-claims");
        } catch (RuntimeException e) {
            throw unreachable(address, e);
        }
        try {
            try {
                info = client.info("server");
            } catch (RuntimeException e) {
                throw unreachable(address, e);
            }
            Matcher version = VERSION.matcher(info);
            int databases = databases(client, address);
            int index = new RedisIndexClaims(client).claim(databases, owner, CLAIM_TTL, address.toString());
            String versionText = version.find() ? version.group(1) : "(version unknown)";
            log.info("Redis {} at {}: claimed database {} of {} for this JVM", versionText, address, index,
                    databases);
            return new ExternalRedis(address, client, owner, index, databases, versionText);
        } catch (RuntimeException e) {
            client.close();
            throw e;
        }
    }

    private static TestkitConfigurationException unreachable(RedisAddress address, RuntimeException cause) {
        return new TestkitConfigurationException("could not connect to Redis at " + address + " ("
                + cause.getMessage() + "); check TESTKIT_REDIS_URL and that the server runs", cause);
    }

    private static int databases(Jedis client, RedisAddress address) {
        try {
            return Integer.parseInt(client.configGet("databases").get("databases"));
        } catch (RuntimeException e) {
            // CONFIG may be disabled (managed services); Redis' default is 16.
            log.debug("CONFIG GET databases failed on {}; assuming 16", address, e);
            return 16;
        }
    }

    private void renew() {
        for (int index : slotDatabases.values()) {
            try {
                if (!claims.renew(index, owner, CLAIM_TTL)) {
                    log.warn("The claim on Redis database {} at {} expired before it was renewed; another JVM "
                            + "may now use that index too", index, address);
                }
            } catch (RuntimeException e) {
                log.warn("Could not renew the claim on Redis database {} at {}: {}", index, address, e.toString());
            }
        }
    }

    /** Parallel tests need more indexes: each is claimed like the first, never assumed free. */
    @Override
    public int databaseForSlot(int slot) {
        return slotDatabases.computeIfAbsent(slot, s -> claims.claim(databases, owner, CLAIM_TTL,
                address.toString()));
    }

    /** The owner recorded in this JVM's claims. */
    String owner() {
        return owner;
    }

    @Override
    public String host() {
        return address.host();
    }

    @Override
    public int port() {
        return address.port();
    }

    @Override
    public int database() {
        return database;
    }

    @Override
    public RunningServers.Server describe() {
        return new RunningServers.Server("external Redis " + version, "database " + database, address + "/"
                + database);
    }

    @Override
    public Optional<String> log() {
        return Optional.empty();
    }

    @Override
    public void close() {
        renewal.shutdownNow();
        try {
            for (int index : slotDatabases.values()) {
                try {
                    claims.release(index, owner);
                } catch (RuntimeException e) {
                    log.warn("Could not release Redis database {} at {} (it frees itself within {} s): {}",
                            index, address, CLAIM_TTL.toSeconds(), e.toString());
                }
            }
        } finally {
            synchronized (client) {
                client.close();
            }
        }
    }
}
