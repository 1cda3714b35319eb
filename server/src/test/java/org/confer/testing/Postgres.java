package org.confer.testing;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.UUID;
import org.junit.jupiter.api.Assumptions;

/**
 * The test PostgreSQL (127.0.0.1:5432, database test, trust auth by default; override with
 * CONFER_TEST_PG_URL / CONFER_TEST_PG_USER / CONFER_TEST_PG_PASSWORD). Each test server gets a
 * schema of its own, dropped afterwards. When PostgreSQL is unreachable its tests are skipped,
 * unless CI=true (or -Dconfer.test.pgRequired=true), where they fail.
 */
public final class Postgres {
    public static final String URL = env("CONFER_TEST_PG_URL", "jdbc:postgresql://127.0.0.1:5432/test");
    public static final String USER = env("CONFER_TEST_PG_USER", "postgres");
    public static final String PASSWORD = env("CONFER_TEST_PG_PASSWORD", "");

    private Postgres() {}

    public static boolean required() {
        return "true".equalsIgnoreCase(System.getProperty("confer.test.pgRequired"))
                || "true".equalsIgnoreCase(System.getenv("CI"));
    }

    /** Skips the caller when PostgreSQL is down, or fails it when PostgreSQL is required. */
    public static void assumeAvailable() {
        try (Connection c = connect()) {
            c.isValid(2);
        } catch (SQLException e) {
            if (required()) {
                throw new AssertionError("PostgreSQL is required (CI=true) but unreachable at " + URL + ": " + e.getMessage(), e);
            }
            Assumptions.abort("PostgreSQL unreachable at " + URL + "; its tests are skipped (" + e.getMessage() + ")");
        }
    }

    /** Creates an empty schema and returns its name. */
    public static String createSchema() {
        String schema = "confer_t_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16).toLowerCase(Locale.ROOT);
        exec("CREATE SCHEMA " + schema);
        return schema;
    }

    public static String urlFor(String schema) {
        return URL + (URL.contains("?") ? "&" : "?") + "currentSchema=" + schema;
    }

    public static void dropSchema(String schema) {
        exec("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
    }

    private static void exec(String sql) {
        try (Connection c = connect(); Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(sql + ": " + e.getMessage(), e);
        }
    }

    private static Connection connect() throws SQLException {
        return DriverManager.getConnection(URL, USER, PASSWORD);
    }

    private static String env(String name, String fallback) {
        String v = System.getenv(name);
        return v == null || v.isBlank() ? fallback : v;
    }
}
