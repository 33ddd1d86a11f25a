package dev.cryptotracker.testkit.internal;

import dev.cryptotracker.testkit.TestkitConfigurationException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A PostgreSQL JDBC URL split into the URL without credentials, the user and the password.
 *
 * @param base     {@code jdbc:postgresql://host:port}, possibly with several hosts
 * @param database the database of the URL, or empty
 * @param params   the URL's parameters other than user and password, each {@code name=value}
 * @param user     the user, from the settings or else the URL; {@code null} for the driver's default
 * @param password the password, from the settings or else the URL; {@code null} for none
 */
record PostgresUrl(String base, String database, List<String> params, String user, String password) {

    private static final Pattern JDBC_URL = Pattern.compile("(jdbc:postgresql://[^/?]*)(/[^?]*)?(\\?.*)?");

    static PostgresUrl parse(String url, String user, String password) {
        Matcher matcher = JDBC_URL.matcher(url.trim());
        if (!matcher.matches()) {
            throw new TestkitConfigurationException("TESTKIT_POSTGRES_URL must look like "
                    + "jdbc:postgresql://host:port/database, was '" + withoutQuery(url) + "'");
        }
        String database = matcher.group(2) == null ? "" : matcher.group(2).substring(1);
        List<String> params = new ArrayList<>();
        String urlUser = null;
        String urlPassword = null;
        if (matcher.group(3) != null) {
            for (String param : matcher.group(3).substring(1).split("&")) {
                String name = param.contains("=") ? param.substring(0, param.indexOf('=')) : param;
                String value = param.contains("=") ? URLDecoder.decode(param.substring(param.indexOf('=') + 1),
                        StandardCharsets.UTF_8) : "";
                switch (name) {
                    case "user" -> urlUser = value;
                    case "password" -> urlPassword = value;
                    case "" -> { }
                    default -> params.add(param);
                }
            }
        }
        return new PostgresUrl(matcher.group(1), database, List.copyOf(params),
                user != null ? user : urlUser, password != null ? password : urlPassword);
    }

    private static String withoutQuery(String url) {
        int query = url.indexOf('?');
        return query < 0 ? url : url.substring(0, query) + "?…";
    }

    /** The URL of another database on the same server, without credentials. */
    String jdbcUrl(String otherDatabase) {
        return base + "/" + otherDatabase + (params.isEmpty() ? "" : "?" + String.join("&", params));
    }

    /** The URL as given, without credentials. */
    String jdbcUrl() {
        return jdbcUrl(database);
    }

    Connection connect() throws SQLException {
        Properties properties = new Properties();
        if (user != null) {
            properties.setProperty("user", user);
        }
        if (password != null) {
            properties.setProperty("password", password);
        }
        properties.setProperty("connectTimeout", "10");
        return DriverManager.getConnection(jdbcUrl(), properties);
    }

    @Override
    public String toString() {
        return jdbcUrl() + " as " + user;
    }
}
