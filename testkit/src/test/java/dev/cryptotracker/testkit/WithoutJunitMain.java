package dev.cryptotracker.testkit;

import java.sql.Connection;
import java.sql.Statement;

/**
 * A program that uses the testkit with neither JUnit nor the optional libraries (jOOQ, Redisson) on its classpath,
 * run by {@link TestkitServersIT}: servers, migrations, two clean leases, and what asking for a missing library
 * says.
 */
public final class WithoutJunitMain {

    private WithoutJunitMain() {
    }

    public static void main(String[] args) throws Exception {
        try (TestkitServers servers = TestkitServers.start(TestkitConfig.fromEnvironment())) {
            try (TestkitLease lease = servers.lease()) {
                execute(lease, "INSERT INTO owners (name) VALUES ('Ann')");
            }
            try (TestkitLease lease = servers.lease()) {
                System.out.println("OWNERS AFTER RESET " + lease.databaseHelper().rowCount("owners"));
                System.out.println("SPECIES KEPT " + lease.databaseHelper().rowCount("species"));
                report("DSLCONTEXT", () -> lease.dsl());
                report("REDISSON", () -> lease.redisson());
            }
            System.out.println("PROVIDER " + servers.runningServers().provider());
        }
        System.out.println("CLOSED");
    }

    private static void execute(TestkitLease lease, String sql) throws Exception {
        try (Connection connection = lease.dataSource().getConnection();
             Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    private static void report(String what, Runnable ask) {
        try {
            ask.run();
            System.out.println(what + " GIVEN");
        } catch (IllegalStateException e) {
            System.out.println(what + " REFUSED " + e.getMessage());
        }
    }

}
