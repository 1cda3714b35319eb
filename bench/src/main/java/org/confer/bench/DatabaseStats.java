package org.confer.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.util.stream.Stream;

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
        long sum = 0;
        try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
            for (Path p : procs.filter(d -> d.getFileName().toString().chars().allMatch(Character::isDigit)).toList()) {
                try {
                    if (!Files.readString(p.resolve("comm")).strip().equals("postgres")) {
                        continue;
                    }
                    String stat = Files.readString(p.resolve("stat"));
                    String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    sum += Long.parseLong(f[11]) + Long.parseLong(f[12]) + Long.parseLong(f[13]) + Long.parseLong(f[14]);
                } catch (IOException | RuntimeException gone) {
                    // the process exited between the listing and the read
                }
            }
        } catch (IOException e) {
            return -1;
        }
        return sum;
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
