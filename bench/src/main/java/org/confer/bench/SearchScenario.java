package org.confer.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

/**
 * search (issue 16): query latency and indexing lag over a seeded history. --messages (1,000,000)
 * across --conversations (10,000) groups of five among --people (5,000) are written by SQL (H2:
 * into the stopped server's file, then the index is rebuilt at restart; PostgreSQL: into the
 * live schema, then POST /api/v1/admin/search/rebuild). The --searchers (40, made through the API)
 * are each members of --member-of (200) of the groups. Then --queries (500) searches, one at a
 * time, a mix of common and rare words, clinical tokens, phrases and filters; then --lag-samples
 * (50) posts, each polled by search until found: the time from the send's 201 to the first
 * answer that holds it. Searches rotate over the searchers (each person may search 120 times a
 * minute).
 */
final class SearchScenario {
    private static final long ID_HIGH = 0x5EA2C4_0000_0000L;
    private static final long USER_HIGH = 0x5EA2C4_0000_0001L;
    private static final long CONVERSATION_HIGH = 0x5EA2C4_0000_0002L;
    /** Group size: a ward's handful of people per chat. */
    private static final int GROUP = 5;

    private SearchScenario() {}

    static Report run(Options o, ServerUnderTest server) throws Exception {
        try (Api api = new Api(server.url, o.intValue("source-addresses", 4))) {
            return run(o, server, api);
        }
    }

    private static Report run(Options o, ServerUnderTest server, Api api) throws Exception {
        int messages = o.intValue("messages", 1_000_000);
        int conversations = o.intValue("conversations", 10_000);
        int people = o.intValue("people", 5_000);
        int searcherCount = o.intValue("searchers", 40);
        int memberOf = Math.min(conversations, o.intValue("member-of", 200));
        int queries = o.intValue("queries", 500);
        int lagSamples = o.intValue("lag-samples", 50);
        if (!server.measurable()) {
            throw new IllegalArgumentException("search seeds by SQL: run it with --start h2 or --start postgres");
        }
        String admin = api.login(ServerUnderTest.ADMIN, server.adminPassword);
        List<People.Person> searchers = People.create(api, admin, "searcher", searcherCount);
        String endMark = "seedend" + UUID.randomUUID().toString().replace("-", "").substring(0, 8);

        long t0 = System.nanoTime();
        if (!server.isPostgres()) {
            server.stop();
        }
        try (Connection c = server.connectToDatabase()) {
            seed(c, messages, conversations, people, searchers, memberOf, endMark);
        }
        double seedSeconds = (System.nanoTime() - t0) / 1e9;
        long t1 = System.nanoTime();
        if (server.isPostgres()) {
            api.post("/api/v1/admin/search/rebuild", Map.of(), admin);
        } else {
            // The index does not know the rows written behind its back: without it, the start rebuilds.
            deleteRecursively(server.dataDir().resolve("search-index"));
            server.restart();
        }
        Pool pool = new Pool(searchers);
        awaitFound(api, pool, "q=" + endMark, 1_800, 250);
        double indexSeconds = (System.nanoTime() - t1) / 1e9;

        Usage usage = new Usage(server.stats());
        Random r = new Random(42);
        long[] latencies = new long[queries];
        long hits = 0;
        for (int i = 0; i < queries; i++) {
            String q = query(r, i, conversationId(r.nextInt(memberOf)));
            long s = System.nanoTime();
            JsonNode a = api.get(0, "/api/v1/search?types=messages&" + q, pool.next());
            latencies[i] = System.nanoTime() - s;
            hits += a.get("messages").size();
        }
        Usage.Figures figures = usage.stop();

        String lagConversation = conversationId(0).toString();
        long[] lags = new long[lagSamples];
        People.Person poster = searchers.getFirst();
        for (int i = 0; i < lagSamples; i++) {
            String word = "lag" + i + "x" + UUID.randomUUID().toString().replace("-", "").substring(0, 8);
            api.post("/api/v1/conversations/" + lagConversation + "/messages",
                    Map.of("text", "Bed " + (i % 30) + " K+ 5." + (i % 10) + " " + word, "clientMsgId", word), poster.token());
            long acked = System.nanoTime();
            awaitFound(api, pool, "q=" + word + "&in=" + lagConversation, 60, 5);
            lags[i] = System.nanoTime() - acked;
        }

        Report report = new Report("search", Map.of("messages", "" + messages, "conversations", "" + conversations,
                "people", "" + people, "memberOf", "" + memberOf, "queries", "" + queries, "lagSamples", "" + lagSamples,
                "database", o.get("start", "external")));
        report.json.put("engine", server.isPostgres() ? "postgresql" : "lucene");
        report.json.put("expected", lagSamples);
        report.json.put("delivered", lagSamples);
        report.json.put("lost", 0);
        report.json.put("duplicates", 0);
        report.json.put("outOfOrder", 0);
        report.json.put("seedSeconds", Math.round(seedSeconds * 10) / 10.0);
        report.json.put("indexBuildSeconds", Math.round(indexSeconds * 10) / 10.0);
        report.json.put("meanHitsPerQuery", queries == 0 ? 0 : Math.round(10.0 * hits / queries) / 10.0);
        report.latencies(latencies, queries);
        // Each query shape's slowest answer (query i has shape i mod 10): says which shape a slow p99 comes from.
        var byShape = report.json.putObject("shapeMaxMs");
        for (int shape = 0; shape < Math.min(10, queries); shape++) {
            long max = 0;
            for (int i = shape; i < queries; i += 10) {
                max = Math.max(max, latencies[i]);
            }
            byShape.put(SHAPES[shape], Math.round(max / 10_000.0) / 100.0);
        }
        report.latencies("lag", lags, lagSamples);
        figures.into(report);
        return report;
    }

    /** Search tokens rotate over the searchers, so no one of them meets the per-person search budget. */
    private static final class Pool {
        private final List<People.Person> people;
        private int next;

        Pool(List<People.Person> people) {
            this.people = people;
        }

        String next() {
            return people.get(next++ % people.size()).token();
        }
    }

    private static void awaitFound(Api api, Pool pool, String query, int seconds, int pollMillis) throws Exception {
        long deadline = System.nanoTime() + seconds * 1_000_000_000L;
        while (System.nanoTime() < deadline) {
            try {
                JsonNode a = api.get(0, "/api/v1/search?types=messages&" + query, pool.next());
                if (!a.get("messages").isEmpty()) {
                    return;
                }
            } catch (HttpError e) {
                if (e.status != 429) {
                    throw e;
                }
                // This searcher's budget is spent; the next one in the pool has its own.
            }
            // For the lag, its resolution: a poll every 5 ms plus the search's own time.
            Thread.sleep(pollMillis);
        }
        throw new IllegalStateException("never found: " + query);
    }

    /** The names of {@link #query}'s shapes, in its order. */
    static final String[] SHAPES = {"common", "commonAndOther", "rare", "kplusCommon", "bedPhrase", "hb", "commonIn", "t2dmRare",
            "commonAfter", "o2sats"};

    /** A mix of what a ward searches: common and rare words, clinical tokens, phrases, filters. */
    private static String query(Random r, int i, UUID someConversation) {
        String common = WORDS[r.nextInt(10)];
        String rare = WORDS[200 + r.nextInt(WORDS.length - 200)];
        return switch (i % 10) {
            case 0 -> "q=" + common;
            case 1 -> "q=" + enc(common + " " + WORDS[10 + r.nextInt(40)]);
            case 2 -> "q=" + rare;
            case 3 -> "q=" + enc("K+ " + common);
            case 4 -> "q=" + enc("\"bed " + (1 + r.nextInt(40)) + "\"");
            case 5 -> "q=" + enc("Hb " + (60 + r.nextInt(100)));
            case 6 -> "q=" + common + "&in=" + someConversation;
            case 7 -> "q=" + enc("T2DM " + rare);
            case 8 -> "q=" + common + "&after=" + Instant.parse("2026-06-01T00:00:00Z");
            default -> "q=" + enc("O2 sats " + (85 + r.nextInt(15)) + "%");
        };
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    static UUID conversationId(int c) {
        return new UUID(CONVERSATION_HIGH, c);
    }

    /** Pseudo-words (letters only, so they stem like English words); the first ones are the most common. */
    static final String[] WORDS = words(3_000);

    private static String[] words(int n) {
        String[] syllables = {"ka", "lo", "mi", "ne", "ru", "ta", "so", "vi", "de", "pa", "ga", "ho", "ze", "bu", "fi", "wo"};
        Random r = new Random(7);
        String[] out = new String[n];
        for (int i = 0; i < n; i++) {
            StringBuilder b = new StringBuilder();
            int parts = 2 + r.nextInt(3);
            for (int k = 0; k < parts; k++) {
                b.append(syllables[r.nextInt(syllables.length)]);
            }
            out[i] = b.append("r").toString();
        }
        return out;
    }

    /** A message's text: 6 to 16 words (skewed to the common ones), often with a clinical token. */
    private static String text(Random r) {
        StringBuilder b = new StringBuilder();
        int n = 6 + r.nextInt(11);
        for (int k = 0; k < n; k++) {
            double x = r.nextDouble();
            b.append(WORDS[(int) (x * x * x * WORDS.length)]).append(' ');
        }
        switch (r.nextInt(6)) {
            case 0 -> b.append("bed ").append(1 + r.nextInt(40)).append(" K+ ").append(3 + r.nextInt(4)).append('.').append(r.nextInt(10));
            case 1 -> b.append("Hb ").append(60 + r.nextInt(100));
            case 2 -> b.append("NHS ").append(100 + r.nextInt(900)).append(' ').append(100 + r.nextInt(900)).append(' ')
                    .append(1000 + r.nextInt(9000));
            case 3 -> b.append("T2DM, O2 sats ").append(85 + r.nextInt(15)).append('%');
            default -> { }
        }
        return b.toString().strip();
    }

    private static void seed(Connection c, int messages, int conversations, int people, List<People.Person> searchers, int memberOf,
                             String endMark) throws Exception {
        c.setAutoCommit(false);
        UUID org;
        try (ResultSet rs = c.createStatement().executeQuery("SELECT organisation_id FROM users WHERE email_normalised = '"
                + ServerUnderTest.ADMIN + "'")) {
            rs.next();
            org = rs.getObject(1, UUID.class);
        }
        Timestamp now = Timestamp.from(Instant.now());
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO users (id, organisation_id, email, email_normalised, display_name,"
                + " job_title, role, status, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, 'member', 'active', ?, ?)")) {
            for (int u = 0; u < people; u++) {
                String email = "seeded" + u + "@bench.confer.test";
                ps.setObject(1, new UUID(USER_HIGH, u));
                ps.setObject(2, org);
                ps.setString(3, email);
                ps.setString(4, email);
                ps.setString(5, WORDS[u % 400].substring(0, 1).toUpperCase() + WORDS[u % 400].substring(1) + " " + u);
                ps.setString(6, "Staff nurse");
                ps.setTimestamp(7, now);
                ps.setTimestamp(8, now);
                ps.addBatch();
            }
            ps.executeBatch();
        }
        int perConversation = (messages + conversations - 1) / conversations;
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO conversations (id, kind, name, last_seq, created_by, created_at)"
                + " VALUES (?, 'group', ?, ?, ?, ?)")) {
            for (int k = 0; k < conversations; k++) {
                ps.setObject(1, conversationId(k));
                ps.setString(2, "Group " + k);
                ps.setLong(3, perConversation);
                ps.setObject(4, new UUID(USER_HIGH, (k * GROUP) % people));
                ps.setTimestamp(5, now);
                ps.addBatch();
            }
            ps.executeBatch();
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO conversation_members (conversation_id, user_id, joined_seq, read_seq,"
                + " joined_at) VALUES (?, ?, 0, 0, ?)")) {
            for (int k = 0; k < conversations; k++) {
                for (int m = 0; m < GROUP; m++) {
                    ps.setObject(1, conversationId(k));
                    ps.setObject(2, new UUID(USER_HIGH, (k * GROUP + m) % people));
                    ps.setTimestamp(3, now);
                    ps.addBatch();
                }
                // The searchers are in the first groups, and in the group of the last message (the rebuild's end mark).
                if (k < memberOf || k == (messages - 1) % conversations) {
                    for (People.Person s : searchers) {
                        ps.setObject(1, conversationId(k));
                        ps.setObject(2, UUID.fromString(s.id()));
                        ps.setTimestamp(3, now);
                        ps.addBatch();
                    }
                }
                if (k % 1_000 == 999) {
                    ps.executeBatch();
                }
            }
            ps.executeBatch();
        }
        c.commit();
        // A year of history, oldest first; ids in the order of m, so a rebuild (by id) reads the last one last.
        long start = Instant.parse("2026-01-01T00:00:00Z").toEpochMilli();
        long step = Math.max(1, 365L * 24 * 3600 * 1000 / Math.max(1, messages));
        Random r = new Random(11);
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO messages (id, conversation_id, seq, author_id, client_msg_id, text,"
                + " urgent, created_at) VALUES (?, ?, ?, ?, ?, ?, FALSE, ?)")) {
            for (int m = 0; m < messages; m++) {
                int k = m % conversations;
                int seq = m / conversations + 1;
                ps.setObject(1, new UUID(ID_HIGH, m));
                ps.setObject(2, conversationId(k));
                ps.setLong(3, seq);
                ps.setObject(4, new UUID(USER_HIGH, (k * GROUP + seq % GROUP) % people));
                ps.setString(5, "seed-" + m);
                ps.setString(6, m == messages - 1 ? text(r) + " " + endMark : text(r));
                ps.setTimestamp(7, new Timestamp(start + m * step));
                ps.addBatch();
                if (m % 10_000 == 9_999) {
                    ps.executeBatch();
                    c.commit();
                }
            }
            ps.executeBatch();
        }
        c.commit();
    }

    private static void deleteRecursively(Path dir) throws java.io.IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (var paths = Files.walk(dir)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
