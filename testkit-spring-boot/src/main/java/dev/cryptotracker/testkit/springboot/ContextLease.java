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

    ContextLease(TestkitLease lease) {
        this.lease = lease;
    }

    TestkitLease lease() {
        return lease;
    }

    /**
     * Marks the context as used by a test and resets the lease for it.
     *
     * @param test the test, as {@code Class#method}, for messages
     * @return what {@link #leave(Ticket)} takes when the test ends
     * @throws IllegalStateException when another test is still running in this context, or the reset failed
     */
    Ticket enterAndReset(String test) {
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
        lease.reset();
        return ticket;
    }

    /** Marks the test as finished; does nothing when the ticket is not the current one. */
    synchronized void leave(Ticket ticket) {
        if (current == ticket) {
            current = null;
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
