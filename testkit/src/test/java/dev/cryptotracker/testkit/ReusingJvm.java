package dev.cryptotracker.testkit;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;

/**
 * A JVM that starts the testkit's servers with reuse on and prints the container ids, then ends. With
 * {@code postgres} as its argument it starts PostgreSQL too, and writes a row through a lease whose reset must then
 * empty the table again: printed as {@code ROWS AFTER RESET n}.
 */
public final class ReusingJvm {

    private ReusingJvm() {
    }

    public static void main(String[] args) throws Exception {
        boolean postgres = args.length > 0 && args[0].equals("postgres");
        TestkitConfig config = TestkitConfig.fromEnvironment().withProvider(ProviderKind.DOCKER);
        Service[] services = postgres ? new Service[] {Service.POSTGRES, Service.REDIS} : new Service[] {Service.REDIS};
        try (TestkitServers servers = TestkitServers.start(config, services)) {
            System.out.println("STARTED " + servers.runningServers().redis().id());
            if (postgres) {
                System.out.println("POSTGRES " + servers.runningServers().postgres().id());
                try (TestkitLease lease = servers.lease(Service.POSTGRES)) {
                    try (Connection connection = lease.dataSource().getConnection();
                         Statement statement = connection.createStatement()) {
                        statement.executeUpdate("INSERT INTO owners (name) VALUES ('reused')");
                    }
                    lease.reset();
                    try (Connection connection = lease.dataSource().getConnection();
                         Statement statement = connection.createStatement();
                         ResultSet count = statement.executeQuery("SELECT count(*) FROM owners")) {
                        count.next();
                        System.out.println("ROWS AFTER RESET " + count.getLong(1));
                    }
                }
            }
        }
        System.exit(0);
    }
}
