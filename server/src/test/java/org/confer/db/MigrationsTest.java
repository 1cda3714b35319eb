package org.confer.db;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.confer.app.Config;
import org.confer.app.ConfigLoader;
import org.confer.testing.Api.Response;
import org.confer.testing.Backend;
import org.confer.testing.TestServer;
import org.confer.testing.TestStorage;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Flyway migrations: applied once from an empty database, never again, data kept across starts. */
class MigrationsTest {
    private static final Pattern MIGRATION = Pattern.compile("V(\\d+(?:[._]\\d+)*)__.+\\.sql");

    /** One row of flyway_schema_history. */
    record Applied(int rank, String version, String type, String script, Integer checksum, boolean success, String installedOn) {}

    @ParameterizedTest(name = "[{0}]")
    @EnumSource(Backend.class)
    void every_migration_file_is_applied_once_to_an_empty_database_and_the_server_is_ready(Backend backend) {
        List<String> versions = migrationVersions(backend);
        assertThat(versions).as("migration files on the class path").isNotEmpty();

        try (TestServer server = TestServer.start(backend, Map.of())) {
            List<Applied> history = history(server.app().database().dataSource());

            assertThat(history).allSatisfy(a -> assertThat(a.success()).as(a.toString()).isTrue());
            assertThat(history).extracting(Applied::version).filteredOn(v -> v != null)
                    .as("one versioned row per V*.sql file").containsExactlyElementsOf(versions);
            assertThat(server.api.get("/readyz", null).status()).isEqualTo(200);
        }
    }

    @ParameterizedTest(name = "[{0}]")
    @EnumSource(Backend.class)
    void the_database_is_not_ready_until_migrated_and_migrating_twice_applies_nothing_the_second_time(Backend backend) {
        try (TestStorage storage = TestStorage.create(backend)) {
            try (Database db = open(storage)) {
                assertThat(db.isReady()).as("before migrating").isFalse();
                assertThat(db.migrate()).isEqualTo(migrationVersions(backend).size());
                assertThat(db.isReady()).as("after migrating").isTrue();
            }
            try (Database db = open(storage)) {
                assertThat(db.migrate()).as("second migration of the same database").isZero();
                assertThat(history(db.dataSource())).filteredOn(a -> a.version() != null).hasSize(migrationVersions(backend).size());
            }
        }
    }

    @ParameterizedTest(name = "[{0}]")
    @EnumSource(Backend.class)
    void a_second_start_on_the_same_database_applies_no_migration_and_keeps_the_data(Backend backend) {
        try (TestStorage storage = TestStorage.create(backend)) {
            List<Applied> before;
            try (TestServer first = TestServer.start(storage, Map.of())) {
                String admin = first.login("admin");
                assertThat(first.api.post("/api/v1/admin/organisations", Map.of("code", "MIG001", "name", "Kept Across Starts"), admin)
                        .status()).isEqualTo(201);
                before = history(first.app().database().dataSource());
            }

            try (TestServer second = TestServer.start(storage, Map.of())) {
                assertThat(history(second.app().database().dataSource()))
                        .as("flyway_schema_history is unchanged: nothing was applied again").isEqualTo(before);
                assertThat(second.api.get("/readyz", null).status()).isEqualTo(200);
                Response orgs = second.api.get("/api/v1/admin/organisations?limit=200", second.login("admin"));
                assertThat(orgs.json().get("items").findValuesAsText("code")).contains("MIG001", "RDM");
            }
        }
    }

    private static Database open(TestStorage storage) {
        Config c = new ConfigLoader(storage.env(), storage.dataDir).load();
        return new Database(c.dbUrl(), c.dbUser(), c.dbPassword(), c.dataDir(), new SimpleMeterRegistry());
    }

    /**
     * flyway_schema_history, all rows: one per applied migration (with a version) plus, on H2, a
     * marker row for the creation of the table itself (type TABLE, no version).
     */
    private static List<Applied> history(DataSource ds) {
        // Flyway creates the table with quoted lower-case names on both databases.
        String sql = "SELECT \"installed_rank\", \"version\", \"type\", \"script\", \"checksum\", \"success\", \"installed_on\" "
                + "FROM \"flyway_schema_history\" ORDER BY \"installed_rank\"";
        try (Connection c = ds.getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            List<Applied> rows = new ArrayList<>();
            while (rs.next()) {
                int checksum = rs.getInt(5);
                rows.add(new Applied(rs.getInt(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.wasNull() ? null : checksum, rs.getBoolean(6), rs.getString(7)));
            }
            return rows;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Versions of the V*.sql files Flyway applies on this database, in Flyway order: db/migration,
     * and on PostgreSQL also db/postgresql (its vendor-only DDL, docs/search.md).
     */
    static List<String> migrationVersions(Backend backend) {
        List<String> all = new java.util.ArrayList<>(versionsUnder("db/migration"));
        if (backend == Backend.POSTGRES) {
            all.addAll(versionsUnder("db/postgresql"));
        }
        return all.stream().sorted(MigrationsTest::compareVersions).toList();
    }

    private static List<String> versionsUnder(String location) {
        URL url = MigrationsTest.class.getClassLoader().getResource(location);
        assertThat(url).as(location + " on the class path").isNotNull();
        try {
            URI uri = url.toURI();
            if (uri.getScheme().equals("jar")) {
                try (FileSystem jar = FileSystems.newFileSystem(uri, Map.of())) {
                    return versionsIn(jar.getPath("/" + location));
                }
            }
            return versionsIn(Path.of(uri));
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> versionsIn(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString())
                    .filter(n -> n.startsWith("V") && n.endsWith(".sql"))
                    .map(n -> {
                        Matcher m = MIGRATION.matcher(n);
                        assertThat(m.matches()).as("%s follows Flyway's V<version>__<description>.sql", n).isTrue();
                        return m.group(1).replace('_', '.');
                    })
                    .sorted(MigrationsTest::compareVersions)
                    .toList();
        }
    }

    private static int compareVersions(String a, String b) {
        String[] x = a.split("\\.");
        String[] y = b.split("\\.");
        for (int i = 0; i < Math.max(x.length, y.length); i++) {
            long p = i < x.length ? Long.parseLong(x[i]) : 0;
            long q = i < y.length ? Long.parseLong(y[i]) : 0;
            if (p != q) {
                return Long.compare(p, q);
            }
        }
        return 0;
    }

    /**
     * The V8 backfill's SQL pattern agrees with {@link org.confer.chat.EveryoneMention} on each
     * engine (ASCII text; for non-ASCII letters next to the token the SQL may only match more).
     */
    @ParameterizedTest(name = "[{0}]")
    @EnumSource(Backend.class)
    void the_v8_backfill_pattern_finds_everyone_mentions_by_the_same_rule_as_the_server(Backend backend) throws IOException {
        String script;
        try (var in = MigrationsTest.class.getResourceAsStream("/db/migration/V8__mentions_channel.sql")) {
            script = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
        Matcher m = Pattern.compile("REGEXP_LIKE\\(text, '([^']+)'\\)").matcher(script);
        assertThat(m.find()).as("the backfill's pattern in V8").isTrue();
        String pattern = m.group(1);
        List<String> texts = List.of("@channel", "@team", "Hello @team.", "(@channel)", "@team, please", "cc @team: now",
                "@channel\nfire drill", "see @team... now", "@teamwork then @team", "ward@team.example", "email ward@team.example",
                "see @teamwork notes", "@channel-ops", "x@channel", "@channel_ops", "@team@example", ".@team", "-@team", "@@team",
                "@team.example", "@team.2", "@Team", "channel team");
        try (TestStorage storage = TestStorage.create(backend); Database db = open(storage)) {
            db.migrate();
            for (String text : texts) {
                Boolean sql = db.dsl().fetchValue(org.jooq.impl.DSL.field("REGEXP_LIKE({0}, {1})", Boolean.class,
                        org.jooq.impl.DSL.val(text), org.jooq.impl.DSL.val(pattern)));
                assertThat(sql).as(text).isEqualTo(org.confer.chat.EveryoneMention.in(text));
            }
        }
    }
}
