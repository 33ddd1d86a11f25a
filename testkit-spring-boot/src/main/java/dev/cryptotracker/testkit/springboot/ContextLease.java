package dev.cryptotracker.testkit.springboot;

import dev.cryptotracker.testkit.TestkitLease;

/**
 * The lease of one application context, and which test is using it. A context has one lease, so two tests running
 * in it at the same time would share and reset each other's data; the second is refused instead.
 */
final class ContextLease {

    static final String BEAN = "testkitContextLease";

    private final TestkitLease lease;
    private Ticket current;
    /** Whether something may have written since the last reset: the context's own start may have. */
    private boolean dirty = true;

    ContextLease(TestkitLease lease) {
        this.lease = lease;
    }

    TestkitLease lease() {
        return lease;
    }

    /**
     * Marks the context as used by a test, cleaning the lease first if anything but a test may have written to it
     * (the context's start, say).
     *
     * @param test the test, as {@code Class#method}, for messages
     * @return what {@link #leave(Ticket)} takes when the test ends
     * @throws IllegalStateException when another test is still running in this context, or the reset failed
     */
    Ticket enter(String test) {
        Ticket ticket = new Ticket(test);
        synchronized (this) {
            if (current != null) {
                throw new IllegalStateException(test + " started while " + current.test + " still runs in the same "
                        + "Spring test context, which holds one testkit lease: the two would see and reset each "
                        + "other's data. Tests that share a context must not run at the same time: run this class "
                        + "in one thread (@Execution(ExecutionMode.SAME_THREAD)), or give the tests different "
                        + "contexts (different configuration), which get different leases");
            }
            current = ticket;
        }
        if (dirty) {
            lease.reset("the Spring test context before " + test);
            dirty = false;
        }
        return ticket;
    }

    /**
     * Marks the test as finished and cleans the lease for the next one, so that a transaction the test left open
     * fails this test, by name. Does nothing when the ticket is not the current one.
     *
     * @throws dev.cryptotracker.testkit.OpenTransactionException when the test left a transaction open; it has been
     *                                                            ended and the lease is clean
     */
    void leave(Ticket ticket) {
        synchronized (this) {
            if (current != ticket) {
                return;
            }
            current = null;
            dirty = true;
        }
        lease.reset("test " + ticket.test);
        synchronized (this) {
            dirty = false;
        }
    }

    /** Gives the lease back; called when the context closes. */
    void close() {
        lease.close();
    }

    /** One test's use of the context. */
    static final class Ticket {
        private final String test;

        private Ticket(String test) {
            this.test = test;
        }
    }
}
