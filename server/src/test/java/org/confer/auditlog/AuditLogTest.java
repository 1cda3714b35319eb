package org.confer.auditlog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.confer.db.schema.Tables.AUDIT_CHAIN;
import static org.confer.db.schema.Tables.AUDIT_EVENTS;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.confer.Confer;
import org.confer.audit.AuditRetention;
import org.confer.audit.AuditTrail;
import org.confer.db.schema.tables.records.AuditEventsRecord;
import org.confer.identity.AuthService;
import org.confer.testing.Api;
import org.confer.testing.Backend;
import org.confer.testing.ChatFixtures;
import org.confer.testing.TestServer;
import org.jooq.DSLContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The audit log (docs/audit.md): a hash chain that shows a modified, deleted or reordered record,
 * stays one line under concurrent writers, is read only by the right admins, exports safe CSV, and
 * records sign-in failures and message edits with the old text. One server; each tampering test
 * puts the row back.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AuditLogTest {
    private TestServer server;
    private Api api;
    private DSLContext db;
    private ChatFixtures chat;
    private String admin;

    @BeforeAll
    void start() {
        server = TestServer.start(Backend.H2, Map.of());
        api = server.api;
        db = server.app().database().dsl();
        chat = new ChatFixtures(server);
        admin = server.login("admin");
        // Some history to tamper with.
        AuditTrail trail = new AuditTrail();
        for (int i = 0; i < 20; i++) {
            int n = i;
            db.transaction(cfg -> trail.record(cfg.dsl(), null, null, "test.filled", "test", UUID.randomUUID(), Map.of("n", n),
                    OffsetDateTime.now(server.clock)));
        }
    }

    @AfterAll
    void stop() {
        server.close();
    }

    private JsonNode verify() {
        Api.Response r = api.get("/api/v1/admin/audit/verify", admin);
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        return r.json();
    }

    /** The command's flags for this server's database (H2 in the data directory, or a PostgreSQL schema). */
    private String[] cliArgs() {
        return server.storage().env().entrySet().stream()
                .map(e -> "--" + e.getKey().substring("CONFER_".length()).toLowerCase(java.util.Locale.ROOT).replace('_', '-') + "=" + e.getValue())
                .toArray(String[]::new);
    }

    private long middleSeq() {
        return db.select(AUDIT_EVENTS.SEQ).from(AUDIT_EVENTS).where(AUDIT_EVENTS.ACTION.eq("test.filled"))
                .orderBy(AUDIT_EVENTS.SEQ).limit(1).offset(5).fetchSingle(AUDIT_EVENTS.SEQ);
    }

    @Test
    @Order(1)
    void the_chain_verifies_and_the_command_says_so_with_exit_code_0() {
        JsonNode v = verify();
        assertThat(v.get("ok").asBoolean()).as(v.toString()).isTrue();
        assertThat(v.get("checked").asLong()).isEqualTo(v.get("headSeq").asLong()).isGreaterThanOrEqualTo(20);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int code = Confer.auditVerify(cliArgs(), new PrintStream(out, true, StandardCharsets.UTF_8));
        assertThat(out.toString(StandardCharsets.UTF_8)).startsWith("audit chain OK: ");
        assertThat(code).isZero();
    }

    @Test
    @Order(2)
    void a_modified_record_is_the_first_broken_link_and_the_command_exits_1() {
        long seq = middleSeq();
        String before = db.select(AUDIT_EVENTS.DETAIL).from(AUDIT_EVENTS).where(AUDIT_EVENTS.SEQ.eq(seq)).fetchSingle(AUDIT_EVENTS.DETAIL);
        db.execute("UPDATE audit_events SET detail = '{\"n\":999}' WHERE seq = " + seq);
        try {
            JsonNode v = verify();
            assertThat(v.get("ok").asBoolean()).isFalse();
            assertThat(v.at("/firstBreak/seq").asLong()).isEqualTo(seq);
            assertThat(v.at("/firstBreak/kind").asText()).isEqualTo("MODIFIED");
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            int code = Confer.auditVerify(cliArgs(),
                    new PrintStream(out, true, StandardCharsets.UTF_8));
            assertThat(out.toString(StandardCharsets.UTF_8)).startsWith("audit chain BROKEN at seq " + seq + " (modified)");
            assertThat(code).isEqualTo(1);
        } finally {
            db.update(AUDIT_EVENTS).set(AUDIT_EVENTS.DETAIL, before).where(AUDIT_EVENTS.SEQ.eq(seq)).execute();
        }
        assertThat(verify().get("ok").asBoolean()).isTrue();
    }

    @Test
    @Order(3)
    void a_record_modified_with_its_hash_recomputed_breaks_the_next_link() {
        long seq = middleSeq();
        AuditEventsRecord r = db.selectFrom(AUDIT_EVENTS).where(AUDIT_EVENTS.SEQ.eq(seq)).fetchSingle();
        // A forger who knows the algorithm rewrites the record and its own hash: the successor still names the old hash.
        db.update(AUDIT_EVENTS).set(AUDIT_EVENTS.HASH, "f".repeat(64)).where(AUDIT_EVENTS.SEQ.eq(seq)).execute();
        try {
            JsonNode v = verify();
            assertThat(v.get("ok").asBoolean()).isFalse();
            assertThat(v.at("/firstBreak/kind").asText()).isEqualTo("MODIFIED");
            assertThat(v.at("/firstBreak/seq").asLong()).isEqualTo(seq);
        } finally {
            db.update(AUDIT_EVENTS).set(AUDIT_EVENTS.HASH, r.getHash()).where(AUDIT_EVENTS.SEQ.eq(seq)).execute();
        }
        assertThat(verify().get("ok").asBoolean()).isTrue();
    }

    @Test
    @Order(4)
    void a_deleted_record_is_reported_as_a_gap_at_its_seq() {
        long seq = middleSeq();
        AuditEventsRecord copy = db.selectFrom(AUDIT_EVENTS).where(AUDIT_EVENTS.SEQ.eq(seq)).fetchSingle();
        db.execute("DELETE FROM audit_events WHERE seq = " + seq);
        try {
            JsonNode v = verify();
            assertThat(v.get("ok").asBoolean()).isFalse();
            assertThat(v.at("/firstBreak/seq").asLong()).isEqualTo(seq);
            assertThat(v.at("/firstBreak/kind").asText()).isEqualTo("DELETED");
        } finally {
            copy.changed(true);
            db.insertInto(AUDIT_EVENTS).set(copy).execute();
        }
        assertThat(verify().get("ok").asBoolean()).isTrue();
    }

    @Test
    @Order(5)
    void a_swapped_pair_is_reported_as_reordered() {
        long seq = middleSeq();
        swap(seq, seq + 1);
        try {
            JsonNode v = verify();
            assertThat(v.get("ok").asBoolean()).isFalse();
            assertThat(v.at("/firstBreak/seq").asLong()).isEqualTo(seq);
            assertThat(v.at("/firstBreak/kind").asText()).isEqualTo("REORDERED");
        } finally {
            swap(seq, seq + 1);
        }
        assertThat(verify().get("ok").asBoolean()).isTrue();
    }

    private void swap(long a, long b) {
        db.execute("UPDATE audit_events SET seq = -1 WHERE seq = " + a);
        db.execute("UPDATE audit_events SET seq = " + a + " WHERE seq = " + b);
        db.execute("UPDATE audit_events SET seq = " + b + " WHERE seq = -1");
    }

    @Test
    @Order(6)
    void a_row_written_around_the_trail_is_reported_as_inserted() {
        UUID id = UUID.randomUUID();
        db.insertInto(AUDIT_EVENTS).set(AUDIT_EVENTS.ID, id).set(AUDIT_EVENTS.ACTION, "forged.entry").set(AUDIT_EVENTS.SUBJECT_TYPE, "test")
                .set(AUDIT_EVENTS.SUBJECT_ID, id).set(AUDIT_EVENTS.AT, OffsetDateTime.now(server.clock)).execute();
        try {
            JsonNode v = verify();
            assertThat(v.get("ok").asBoolean()).isFalse();
            assertThat(v.at("/firstBreak/kind").asText()).isEqualTo("INSERTED");
        } finally {
            db.deleteFrom(AUDIT_EVENTS).where(AUDIT_EVENTS.ID.eq(id)).execute();
        }
    }

    @Test
    @Order(7)
    void concurrent_writers_on_two_trails_make_one_unbroken_line() throws Exception {
        long before = db.select(AUDIT_CHAIN.LAST_SEQ).from(AUDIT_CHAIN).fetchSingle(AUDIT_CHAIN.LAST_SEQ);
        // Two AuditTrail instances stand for two nodes (each has its own id generator); 8 threads share the pool.
        List<AuditTrail> nodes = List.of(new AuditTrail(), new AuditTrail());
        int threads = 8;
        int each = 25;
        try (ExecutorService pool = Executors.newFixedThreadPool(threads)) {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                AuditTrail trail = nodes.get(t % 2);
                int thread = t;
                done.add(pool.submit(() -> {
                    for (int i = 0; i < each; i++) {
                        db.transaction(cfg -> trail.record(cfg.dsl(), null, null, "test.concurrent", "test", UUID.randomUUID(),
                                Map.of("thread", thread), OffsetDateTime.now(server.clock)));
                    }
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        }
        long after = db.select(AUDIT_CHAIN.LAST_SEQ).from(AUDIT_CHAIN).fetchSingle(AUDIT_CHAIN.LAST_SEQ);
        assertThat(after - before).isEqualTo((long) threads * each);
        // A caller outside any transaction still gets one link (record opens a transaction of its own).
        nodes.getFirst().record(db, null, null, "test.autocommit", "test", UUID.randomUUID(), Map.of(), OffsetDateTime.now(server.clock));
        assertThat(db.select(AUDIT_EVENTS.SEQ).from(AUDIT_EVENTS).where(AUDIT_EVENTS.ACTION.eq("test.autocommit"))
                .fetchSingle(AUDIT_EVENTS.SEQ)).isEqualTo(after + 1);
        assertThat(db.fetchCount(AUDIT_EVENTS, AUDIT_EVENTS.ACTION.eq("test.concurrent"))).isEqualTo(threads * each);
        JsonNode v = verify();
        assertThat(v.get("ok").asBoolean()).as(v.toString()).isTrue();
    }

    @Test
    @Order(8)
    void an_organisation_admin_reads_only_their_organisation_and_a_member_nothing() {
        String priya = server.login("priya"); // RDM's organisation admin
        String erin = server.login("erin"); // RDP's
        String rdm = api.get("/api/v1/me", priya).json().at("/organisation/id").asText();
        String rdp = api.get("/api/v1/me", erin).json().at("/organisation/id").asText();
        // Both organisations have records: sign-ins (this test's own).
        Api.Response mine = api.get("/api/v1/admin/audit?limit=200", priya);
        assertThat(mine.status()).as(mine.toString()).isEqualTo(200);
        assertThat(mine.json().get("items")).isNotEmpty();
        mine.json().get("items").forEach(i -> assertThat(i.get("organisationId").asText()).isEqualTo(rdm));
        assertThat(api.get("/api/v1/admin/audit?organisationId=" + rdp, priya).status()).isEqualTo(403);
        assertThat(api.get("/api/v1/admin/audit/export?organisationId=" + rdp, priya).status()).isEqualTo(403);
        assertThat(api.get("/api/v1/admin/audit/verify", priya).status()).isEqualTo(403);
        Api.Response theirs = api.get("/api/v1/admin/audit?action=auth.&limit=200", erin);
        theirs.json().get("items").forEach(i -> assertThat(i.get("organisationId").asText()).isEqualTo(rdp));
        String alice = server.login("alice");
        assertThat(api.get("/api/v1/admin/audit", alice).status()).isEqualTo(403);
        assertThat(api.get("/api/v1/admin/audit/export", alice).status()).isEqualTo(403);
        // A platform admin may look at one organisation.
        Api.Response one = api.get("/api/v1/admin/audit?organisationId=" + rdp + "&limit=200", admin);
        assertThat(one.json().get("items")).isNotEmpty();
        one.json().get("items").forEach(i -> assertThat(i.get("organisationId").asText()).isEqualTo(rdp));
    }

    @Test
    @Order(9)
    void pages_follow_the_cursor_newest_first_without_overlap() {
        Api.Response first = api.get("/api/v1/admin/audit?action=test.filled&limit=7", admin);
        String cursor = first.json().get("nextCursor").asText();
        Api.Response second = api.get("/api/v1/admin/audit?action=test.filled&limit=7&cursor=" + cursor, admin);
        List<Long> seqs = new ArrayList<>();
        first.json().get("items").forEach(i -> seqs.add(i.get("seq").asLong()));
        second.json().get("items").forEach(i -> seqs.add(i.get("seq").asLong()));
        assertThat(seqs).hasSize(14).doesNotHaveDuplicates().isSortedAccordingTo((a, b) -> Long.compare(b, a));
    }

    @Test
    @Order(10)
    void a_failed_sign_in_is_recorded_without_the_password_or_an_unknown_email() {
        assertThat(api.send("POST", "/api/v1/auth/login", Api.json(Map.of("email", "alice@demo.confer.test", "password", "wrong-password-1")),
                Map.of("Content-Type", "application/json")).status()).isEqualTo(401);
        assertThat(api.send("POST", "/api/v1/auth/login", Api.json(Map.of("email", "nobody@demo.confer.test", "password", "secret-typed-1")),
                Map.of("Content-Type", "application/json")).status()).isEqualTo(401);
        String aliceId = api.get("/api/v1/me", server.login("alice")).json().get("id").asText();

        JsonNode known = api.get("/api/v1/admin/audit?action=auth.sign_in_failed&subjectType=user&subjectId=" + aliceId, admin).json();
        assertThat(known.get("items")).isNotEmpty();
        assertThat(known.at("/items/0/detail/reason").asText()).isEqualTo("password");
        UUID hashed = AuthService.emailSubject("nobody@demo.confer.test");
        JsonNode unknown = api.get("/api/v1/admin/audit?action=auth.sign_in_failed&subjectType=email&subjectId=" + hashed, admin).json();
        assertThat(unknown.get("items")).hasSize(1);
        assertThat(unknown.at("/items/0/detail/reason").asText()).isEqualTo("unknown_account");
        assertThat(unknown.toString()).doesNotContain("nobody@").doesNotContain("secret-typed-1");
        assertThat(known.toString()).doesNotContain("wrong-password-1");
        // The successful sign-in is recorded too.
        assertThat(api.get("/api/v1/admin/audit?action=auth.signed_in&actorId=" + aliceId, admin).json().get("items")).isNotEmpty();
    }

    @Test
    @Order(11)
    void a_message_edit_and_deletion_keep_the_old_text_and_the_export_is_safe_csv() {
        ChatFixtures.Person alice = chat.demo("alice");
        ChatFixtures.Person bob = chat.demo("bob");
        String conversation = chat.direct(alice, bob);
        String original = "=HYPERLINK(\"http://evil\"), \"K+ 6.1\"\nsecond line";
        String messageId = chat.post(alice, conversation, original).json().get("id").asText();
        String path = "/api/v1/conversations/" + conversation + "/messages/" + messageId;
        assertThat(api.patch(path, Map.of("text", "K+ 5.1"), alice.token()).status()).isEqualTo(200);
        assertThat(api.delete(path, alice.token()).status()).isIn(200, 204);

        JsonNode items = api.get("/api/v1/admin/audit?subjectType=message&subjectId=" + messageId, admin).json().get("items");
        assertThat(items).hasSize(2);
        assertThat(items.get(1).get("action").asText()).isEqualTo("message.edited");
        assertThat(items.get(1).get("retainedText").asText()).isEqualTo(original);
        assertThat(items.get(0).get("action").asText()).isEqualTo("message.deleted");
        assertThat(items.get(0).get("retainedText").asText()).isEqualTo("K+ 5.1");

        Api.Response csv = api.get("/api/v1/admin/audit/export?format=csv&subjectType=message&subjectId=" + messageId, admin);
        assertThat(csv.status()).isEqualTo(200);
        assertThat(csv.contentType()).startsWith("text/csv");
        String[] lines = csv.body().split("\r\n", -1);
        assertThat(lines[0]).isEqualTo("seq,at,organisation_id,actor_id,actor_name,action,subject_type,subject_id,detail,retained_text,hash");
        // The old text starts with '=': quoted (comma, quotes, line break), quotes doubled, an apostrophe first.
        assertThat(csv.body()).contains(",\"'=HYPERLINK(\"\"http://evil\"\"), \"\"K+ 6.1\"\"\nsecond line\",");
        assertThat(csv.body()).contains(",Alice Moreno,message.edited,message," + messageId + ",");
        assertThat(csv.body()).endsWith("\r\n");
        // The export is on the record.
        assertThat(api.get("/api/v1/admin/audit?action=audit.exported", admin).json().at("/items/0/detail/subjectId").asText())
                .isEqualTo(messageId);
        assertThat(verify().get("ok").asBoolean()).isTrue();
    }

    @Test
    @Order(12)
    void a_file_download_is_recorded_with_its_name() {
        ChatFixtures.Person alice = chat.demo("alice");
        ChatFixtures.Person bob = chat.demo("bob");
        String conversation = chat.direct(alice, bob);
        String fileId = new org.confer.testing.Uploads(api).uploaded(alice, conversation, "handover.txt",
                "bed 14: K+ 6.1".getBytes(StandardCharsets.UTF_8)).get("id").asText();
        assertThat(api.get("/api/v1/files/" + fileId + "/content", alice.token()).status()).isEqualTo(200);
        JsonNode items = api.get("/api/v1/admin/audit?action=file.downloaded&subjectType=file&subjectId=" + fileId, admin).json()
                .get("items");
        assertThat(items).hasSize(1);
        assertThat(items.at("/0/actorId").asText()).isEqualTo(alice.id());
        assertThat(items.at("/0/detail/name").asText()).isEqualTo("handover.txt");
    }

    @Test
    @Order(15)
    void rows_from_before_the_chain_are_sealed_in_time_order_once_and_then_verify() {
        long head = db.select(AUDIT_CHAIN.LAST_SEQ).from(AUDIT_CHAIN).fetchSingle(AUDIT_CHAIN.LAST_SEQ);
        // As V21 leaves an existing table: rows without a seq, the head not yet sealed.
        OffsetDateTime now = OffsetDateTime.now(server.clock);
        UUID later = UUID.randomUUID();
        UUID earlier = UUID.randomUUID();
        for (var row : List.of(Map.entry(later, now.minusMinutes(1)), Map.entry(earlier, now.minusMinutes(2)))) {
            db.insertInto(AUDIT_EVENTS).set(AUDIT_EVENTS.ID, row.getKey()).set(AUDIT_EVENTS.ACTION, "legacy.step")
                    .set(AUDIT_EVENTS.SUBJECT_TYPE, "test").set(AUDIT_EVENTS.SUBJECT_ID, row.getKey()).set(AUDIT_EVENTS.AT, row.getValue())
                    .execute();
        }
        db.update(AUDIT_CHAIN).set(AUDIT_CHAIN.LEGACY_SEALED, false).execute();

        db.transaction(cfg -> new AuditTrail().sealLegacy(cfg.dsl()));

        assertThat(db.select(AUDIT_EVENTS.SEQ).from(AUDIT_EVENTS).where(AUDIT_EVENTS.ID.eq(earlier)).fetchSingle(AUDIT_EVENTS.SEQ))
                .isEqualTo(head + 1);
        assertThat(db.select(AUDIT_EVENTS.SEQ).from(AUDIT_EVENTS).where(AUDIT_EVENTS.ID.eq(later)).fetchSingle(AUDIT_EVENTS.SEQ))
                .isEqualTo(head + 2);
        assertThat(db.select(AUDIT_CHAIN.LEGACY_SEALED).from(AUDIT_CHAIN).fetchSingle(AUDIT_CHAIN.LEGACY_SEALED)).isTrue();
        assertThat(verify().get("ok").asBoolean()).isTrue();
    }

    @Test
    @Order(20)
    void retention_deletes_old_records_keeps_a_checkpoint_and_the_rest_still_verifies() {
        AuditRetention retention = new AuditRetention(new AuditTrail());
        long head = db.select(AUDIT_CHAIN.LAST_SEQ).from(AUDIT_CHAIN).fetchSingle(AUDIT_CHAIN.LAST_SEQ);
        OffsetDateTime now = OffsetDateTime.now(server.clock);
        AuditRetention.Pruned p = retention.prune(db, now.plusSeconds(1), now);
        assertThat(p.stoppedAt()).isNull();
        assertThat(p.throughSeq()).isEqualTo(head);
        assertThat(p.deleted()).isEqualTo(head);
        JsonNode v = verify();
        assertThat(v.get("ok").asBoolean()).as(v.toString()).isTrue();
        assertThat(v.get("firstSeq").asLong()).isEqualTo(head + 1);
        // What is left: the record of the pruning itself, naming the checkpoint.
        JsonNode pruned = api.get("/api/v1/admin/audit?action=audit.pruned", admin).json().at("/items/0");
        assertThat(pruned.at("/detail/throughSeq").asLong()).isEqualTo(head);
        assertThat(pruned.get("seq").asLong()).isEqualTo(head + 1);
    }
}
