package dev.cryptotracker.testkit.internal;

import dev.cryptotracker.testkit.SqlFixtureException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.ToIntFunction;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;

/** Fixture scripts: read from the classpath, and, when one fails, where. */
public final class Fixtures {

    private Fixtures() {
    }

    /**
     * Reads scripts from the context class loader's classpath.
     *
     * @param paths such as {@code fixtures/users.sql}, {@code /fixtures/users.sql} or {@code classpath:fixtures/users.sql}
     * @throws SqlFixtureException naming a script that is not there
     */
    public static List<SqlScript> load(List<String> paths) {
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        if (loader == null) {
            loader = Fixtures.class.getClassLoader();
        }
        List<SqlScript> scripts = new ArrayList<>();
        for (String path : paths) {
            String resource = path.replaceFirst("^classpath:", "").replaceFirst("^/+", "");
            try (InputStream in = loader.getResourceAsStream(resource)) {
                if (in == null) {
                    throw new SqlFixtureException("fixture script " + resource + " is not on the classpath (put it "
                            + "under src/test/resources/" + resource + ")", null);
                }
                scripts.add(new SqlScript(resource, new String(in.readAllBytes(), StandardCharsets.UTF_8)));
            } catch (IOException e) {
                throw new SqlFixtureException("fixture script " + resource + " could not be read", e);
            }
        }
        return scripts;
    }

    /**
     * Which script, and where in it, a failure of the scripts sent together happened.
     *
     * @param failure the error of the whole
     * @param scripts the scripts, in the order sent
     * @param starts  where each script starts in what was sent
     * @param runAlone runs statements one by one, rolled back, and gives the index of the first that fails (or -1)
     * @return for example {@code fixture script fixtures/users.sql, line 3, column 17}
     */
    static String locate(SQLException failure, List<SqlScript> scripts, int[] starts,
                         ToIntFunction<List<String>> runAlone) {
        ServerErrorMessage server = failure instanceof PSQLException psql ? psql.getServerErrorMessage() : null;
        int position = server == null ? 0 : server.getPosition();
        if (position > 0) {
            int offset = position - 1;
            int script = scripts.size() - 1;
            while (script > 0 && starts[script] > offset) {
                script--;
            }
            SqlScript found = scripts.get(script);
            int local = Math.min(offset - starts[script], found.text().length());
            return "fixture script " + found.name() + ", line " + found.line(local) + ", column "
                    + found.column(local);
        }
        List<String> statements = new ArrayList<>();
        List<String> where = new ArrayList<>();
        for (SqlScript script : scripts) {
            for (SqlScript.Statement statement : script.statements()) {
                statements.add(statement.sql());
                where.add("fixture script " + script.name() + ", line " + statement.line());
            }
        }
        int failed = runAlone.applyAsInt(statements);
        if (failed < 0) {
            return "fixture scripts " + scripts.stream().map(SqlScript::name).toList();
        }
        String statement = statements.get(failed).replaceAll("\\s+", " ");
        return where.get(failed) + " (" + (statement.length() > 120 ? statement.substring(0, 120) + " …"
                : statement) + ")";
    }
}
