package org.confer.db;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.metrics.micrometer.MicrometerMetricsTrackerFactory;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.conf.RenderQuotedNames;
import org.jooq.conf.Settings;
import org.jooq.impl.DSL;

/**
 * The one database: a HikariCP pool, Flyway migrations applied at start, and the jOOQ context
 * every store uses. H2 (embedded file) and PostgreSQL share the same migrations and queries.
 */
public final class Database implements AutoCloseable {

    /**
     * How long a request waits for a pooled connection. While PostgreSQL is down every request
     * waits this long and then gets 503 (docs/cluster.md, "When PostgreSQL goes away"), so it is short: it was 10 s,
     * and each send during an outage hung for 10 s. A wait past 3 s means the database is gone
     * or the node is overloaded; either way an answer now ("try again", with Retry-After) serves
     * the client better, and the writers' own admission limit already gives up after about 2 s
     * of queued commits (events/ConversationWriter).
     */
    static final long CONNECTION_TIMEOUT_MILLIS = 3_000;

    private final HikariDataSource dataSource;
    private final DSLContext dsl;
    private final SQLDialect dialect;
    private volatile boolean migrated;

    public Database(String url, String user, String password, Path dataDir, MeterRegistry metrics) {
        this.dialect = url.startsWith("jdbc:postgresql:") ? SQLDialect.POSTGRES : SQLDialect.H2;
        if (dialect == SQLDialect.H2) {
            try {
                Files.createDirectories(dataDir);
            } catch (java.io.IOException e) {
                throw new IllegalStateException("cannot create data directory " + dataDir + ": " + e.getMessage(), e);
            }
        }
        HikariConfig hc = new HikariConfig();
        hc.setJdbcUrl(url);
        hc.setUsername(user);
        hc.setPassword(password);
        hc.setPoolName("confer-db");
        hc.setMaximumPoolSize(dialect == SQLDialect.H2 ? 8 : 16);
        hc.setAutoCommit(true);
        hc.setInitializationFailTimeout(10_000);
        hc.setConnectionTimeout(CONNECTION_TIMEOUT_MILLIS);
        hc.setMetricsTrackerFactory(new MicrometerMetricsTrackerFactory(metrics));
        this.dataSource = new HikariDataSource(hc);
        // Generated names are lower case and rendered unquoted, so H2 (which folds to upper
        // case) and PostgreSQL (which folds to lower case) both find the same tables.
        Settings settings = new Settings()
                .withRenderQuotedNames(RenderQuotedNames.NEVER)
                .withRenderSchema(false)
                .withExecuteLogging(false);
        this.dsl = DSL.using(dataSource, dialect, settings);
    }

    /** Applies pending migrations; returns how many were applied. */
    public int migrate() {
        MigrateResult result = Flyway.configure()
                .dataSource(dataSource)
                // PostgreSQL-only DDL (search's GIN index) lives in db/postgresql: docs/search.md.
                .locations(dialect == SQLDialect.POSTGRES
                        ? new String[] {"classpath:db/migration", "classpath:db/postgresql"}
                        : new String[] {"classpath:db/migration"})
                .failOnMissingLocations(true)
                .load()
                .migrate();
        migrated = true;
        return result.migrationsExecuted;
    }

    public DSLContext dsl() {
        return dsl;
    }

    public DataSource dataSource() {
        return dataSource;
    }

    public SQLDialect dialect() {
        return dialect;
    }

    /** Ready means migrated and answering a query now. */
    public boolean isReady() {
        if (!migrated) {
            return false;
        }
        try (Connection c = dataSource.getConnection()) {
            return c.isValid(2);
        } catch (SQLException e) {
            return false;
        }
    }

    @Override
    public void close() {
        dataSource.close();
    }
}
