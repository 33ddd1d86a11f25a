package dev.cryptotracker.testkit.internal;

import javax.sql.DataSource;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;

/** Everything of the testkit that touches jOOQ; loaded only when a test asks for a {@code DSLContext}. */
final class JooqSupport {

    private JooqSupport() {
    }

    static DSLContext dsl(DataSource dataSource) {
        OptionalLibraries.JOOQ.require();
        return DSL.using(dataSource, SQLDialect.POSTGRES);
    }
}
