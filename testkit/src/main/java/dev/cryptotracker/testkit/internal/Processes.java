package dev.cryptotracker.testkit.internal;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Stopping server processes: politely first, then by force. */
final class Processes {

    private static final long GRACE_SECONDS = 10;

    private Processes() {
    }

    /** Asks the process to end (SIGTERM) and kills it if it has not ended within the grace period. */
    static void stop(ProcessHandle process) {
        process.destroy();
        try {
            process.onExit().get(GRACE_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        } catch (ExecutionException | TimeoutException e) {
            process.destroyForcibly();
        }
    }
}
