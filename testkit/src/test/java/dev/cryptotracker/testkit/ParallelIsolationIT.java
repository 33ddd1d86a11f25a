package dev.cryptotracker.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import org.jooq.DSLContext;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.RepetitionInfo;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.redisson.api.RedissonClient;
import org.redisson.client.codec.StringCodec;

/**
 * Three tests write at the same time and then, while all three are still running, each checks that it sees only
 * its own rows and keys. With one shared database or Redis index each would see three.
 */
@Testkit
@Execution(ExecutionMode.CONCURRENT)
class ParallelIsolationIT {

    private static final int TESTS = 3;
    private static final CyclicBarrier ALL_WRITTEN = new CyclicBarrier(TESTS);

    @RepeatedTest(TESTS)
    void concurrentTestsSeeOnlyTheirOwnData(RepetitionInfo repetition, DSLContext sql, DatabaseHelper db,
                                            RedissonClient redis, ConnectionDetails details) throws Exception {
        String name = "writer-" + repetition.getCurrentRepetition();
        assertThat(db.rowCount("owners")).as("clean at the start").isZero();
        sql.execute("INSERT INTO owners (name) VALUES (?)", name);
        redis.getBucket("owner", StringCodec.INSTANCE).set(name);

        ALL_WRITTEN.await(60, TimeUnit.SECONDS);

        assertThat(sql.fetch("SELECT name FROM owners").getValues(0, String.class)).containsExactly(name);
        assertThat(redis.getKeys().count()).isEqualTo(1);
        assertThat(redis.<String>getBucket("owner", StringCodec.INSTANCE).get()).isEqualTo(name);
        assertThat(details.jdbcUrl()).as("each test in its own database").contains("/testkit_");
    }
}
