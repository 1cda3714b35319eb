package org.confer.bench;

import java.sql.DriverManager;

/**
 * The PostgreSQL's share of a measured window, for the capacity model (docs/capacity.md): CPU of
 * every process named {@code postgres} on this machine (backends, WAL writer, checkpointer, and
 * what the postmaster has reaped from exited backends) and WAL bytes written. Both are
 * MACHINE-WIDE: another user's queries in the same window count too, so on a shared machine they
 * are an upper bound. Only for a PostgreSQL on this machine (--start postgres with a loopback
 * --pg-url); the bench never measures a remote database.
 */
final class DatabaseStats {
    private final Options options;

    private DatabaseStats(Options options) {
        this.options = options;
    }

    /** The started servers' PostgreSQL when it runs on this machine, else null. */
    static DatabaseStats of(ServerUnderTest server, Options o) {
        String url = o.get("pg-url", "jdbc:postgresql://127.0.0.1:5432/test");
        boolean local = url.contains("//127.0.0.1") || url.contains("//localhost");
        return server.isPostgres() && local ? new DatabaseStats(o) : null;
    }

    /** utime + stime + cutime + cstime of every postgres process, in clock ticks (1/100 s); -1 when unreadable. */
    long cpuTicks() {
        return ProcessStats.ticksOfAllNamed("postgres");
    }

    /** The current WAL insert position in bytes; -1 when it cannot be read. */
    long walBytes() {
        try (var c = DriverManager.getConnection(options.get("pg-url", "jdbc:postgresql://127.0.0.1:5432/test"),
                options.get("pg-user", "postgres"), options.get("pg-password", ""));
             var r = c.createStatement().executeQuery("SELECT pg_current_wal_lsn() - '0/0'::pg_lsn")) {
            return r.next() ? r.getBigDecimal(1).longValueExact() : -1;
        } catch (java.sql.SQLException | ArithmeticException e) {
            return -1;
        }
    }
}
