package org.confer.analytics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.confer.db.schema.Tables.AUDIT_EVENTS;
import static org.confer.db.schema.Tables.CALLS;
import static org.confer.db.schema.Tables.CALL_PARTICIPANTS;
import static org.confer.db.schema.Tables.MESSAGES;
import static org.confer.db.schema.Tables.ORGANISATIONS;
import static org.confer.db.schema.Tables.RESULTS;
import static org.confer.db.schema.Tables.RESULT_ALERTS;
import static org.confer.db.schema.Tables.SESSIONS;
import static org.confer.db.schema.Tables.VISITS;
import static org.confer.db.schema.Tables.VISIT_CALENDARS;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.confer.testing.Api;
import org.confer.testing.ChatFixtures;
import org.confer.testing.ChatFixtures.Person;
import org.confer.testing.ServerTest;
import org.jooq.DSLContext;
import org.junit.jupiter.api.Test;

/**
 * The usage figures against a seeded history with known answers (docs/analytics.md): rows are
 * written straight into the features' tables with chosen instants around local midnight and on
 * both clock-change days of 2026 in Europe/London (29 March: 23 hours; 25 October: 25 hours),
 * then the rollup runs. The rollup's timer is set to an hour, so only the test runs it.
 *
 * People: Ann and Ben of RDM (the demo organisation Priya administers), Cat and Dev of RDP.
 */
class UsageAnalyticsTest extends ServerTest {
    private DSLContext db;
    private Person ann;
    private Person ben;
    private Person cat;
    private Person dev;
    private UUID rdm;
    private UUID rdp;
    private String admin;
    private String priya;

    @Override
    protected Map<String, String> settings() {
        return Map.of("CONFER_USAGE_TICK_SECONDS", "3600");
    }

    private static Instant at(String utc) {
        return Instant.parse(utc);
    }

    @Override
    protected void afterStart() {
        db = server.app().database().dsl();
        ChatFixtures f = new ChatFixtures(server);
        ann = f.personIn("ann", "RDM");
        ben = f.personIn("ben", "RDM");
        cat = f.personIn("cat", "RDP");
        dev = f.personIn("dev", "RDP");
        rdm = org("RDM");
        rdp = org("RDP");
        UUID chat = UUID.fromString(f.group(List.of(ann, ben, cat, dev)));
        // 29 March 2026: GMT until 01:00 UTC, then BST; the local day is 00:00Z to 23:00Z.
        message(chat, ann, at("2026-03-28T23:59:59Z"));          // local 28 March 23:59:59
        message(chat, ann, at("2026-03-29T00:00:00Z"));          // local 29 March 00:00
        message(chat, ann, at("2026-03-29T01:30:00Z"));          // local 02:30 BST, after the jump
        message(chat, ben, at("2026-03-29T22:59:59Z"));          // local 23:59:59 BST
        message(chat, ben, at("2026-03-29T23:00:00Z"));          // local 30 March 00:00
        // A meeting: Ann 60 minutes, Cat 30; a call with Ann alone is not a meeting.
        UUID call = call(chat, ann, at("2026-03-29T09:00:00Z"), at("2026-03-29T10:00:00Z"));
        stay(call, ann, rdm, at("2026-03-29T09:00:00Z"), at("2026-03-29T10:00:00Z"));
        stay(call, cat, rdp, at("2026-03-29T09:30:00Z"), null);
        UUID alone = call(chat, ann, at("2026-03-29T10:30:00Z"), at("2026-03-29T11:00:00Z"));
        stay(alone, ann, rdm, at("2026-03-29T10:30:00Z"), at("2026-03-29T11:00:00Z"));
        // A result delivered to two people (one result) at local 28 March 23:30 GMT; the escalation is not another.
        UUID result = result(rdm);
        alert(result, ann, 0, at("2026-03-28T23:30:00Z"));
        alert(result, ben, 0, at("2026-03-28T23:30:01Z"));
        alert(result, ben, 1, at("2026-03-28T23:45:00Z"));
        // 25 October 2026: BST until 01:00 UTC, then GMT; the local day is 24 Oct 23:00Z to 26 Oct 00:00Z.
        message(chat, cat, at("2026-10-24T22:59:59Z"));          // local 24 October 23:59:59 BST
        message(chat, cat, at("2026-10-24T23:00:00Z"));          // local 25 October 00:00 BST
        message(chat, ann, at("2026-10-25T00:30:00Z"));          // local 01:30 BST, the first time
        message(chat, ann, at("2026-10-25T01:30:00Z"));          // local 01:30 GMT, the second time
        message(chat, ben, at("2026-10-25T23:59:59Z"));          // local 23:59:59 GMT
        message(chat, ben, at("2026-10-26T00:00:00Z"));          // local 26 October 00:00
        signIn(cat, at("2026-10-25T01:15:00Z"));
        signIn(dev, at("2026-10-25T12:00:00Z"));
        // A visit attended at local 01:30 BST on 25 October; a cancelled one is not held.
        UUID calendar = calendar(f);
        visit(calendar, "attended", at("2026-10-25T00:30:00Z"), at("2026-10-25T01:10:00Z"));
        visit(calendar, "cancelled", at("2026-10-25T00:30:00Z"), at("2026-10-25T00:10:00Z"));

        server.app().analytics().rollup().run();
        admin = server.login("admin");
        priya = server.login("priya");
    }

    private UUID org(String code) {
        return db.select(ORGANISATIONS.ID).from(ORGANISATIONS).where(ORGANISATIONS.CODE.eq(code)).fetchSingle().value1();
    }

    private static OffsetDateTime utc(Instant i) {
        return i.atOffset(ZoneOffset.UTC);
    }

    private UUID message(UUID conversation, Person author, Instant at) {
        UUID id = UUID.randomUUID();
        db.insertInto(MESSAGES).set(MESSAGES.ID, id).set(MESSAGES.CONVERSATION_ID, conversation).set(MESSAGES.SEQ, 1_000_000L)
                .set(MESSAGES.AUTHOR_ID, UUID.fromString(author.id())).set(MESSAGES.CLIENT_MSG_ID, id.toString())
                .set(MESSAGES.TEXT, "seeded").set(MESSAGES.URGENT, false).set(MESSAGES.CREATED_AT, utc(at)).execute();
        return id;
    }

    private void signIn(Person who, Instant at) {
        db.insertInto(SESSIONS).set(SESSIONS.ID, UUID.randomUUID()).set(SESSIONS.USER_ID, UUID.fromString(who.id()))
                .set(SESSIONS.TOKEN_HASH, UUID.randomUUID().toString().replace("-", "")).set(SESSIONS.CREATED_AT, utc(at))
                .set(SESSIONS.LAST_SEEN_AT, utc(at)).set(SESSIONS.EXPIRES_AT, utc(at.plus(Duration.ofHours(1)))).execute();
    }

    private UUID call(UUID conversation, Person starter, Instant start, Instant end) {
        UUID id = UUID.randomUUID();
        db.insertInto(CALLS).set(CALLS.ID, id).set(CALLS.CONVERSATION_ID, conversation).set(CALLS.MEDIA, "audio")
                .set(CALLS.TOPOLOGY, "mesh").set(CALLS.STARTED_BY, UUID.fromString(starter.id())).set(CALLS.STARTED_AT, utc(start))
                .set(CALLS.ENDED_AT, utc(end)).execute();
        return id;
    }

    private void stay(UUID call, Person who, UUID organisation, Instant joined, Instant left) {
        db.insertInto(CALL_PARTICIPANTS).set(CALL_PARTICIPANTS.PEER_ID, UUID.randomUUID()).set(CALL_PARTICIPANTS.CALL_ID, call)
                .set(CALL_PARTICIPANTS.USER_ID, UUID.fromString(who.id())).set(CALL_PARTICIPANTS.ORGANISATION_ID, organisation)
                .set(CALL_PARTICIPANTS.JOINED_AT, utc(joined)).set(CALL_PARTICIPANTS.LEFT_AT, left == null ? null : utc(left)).execute();
    }

    private UUID result(UUID organisation) {
        UUID id = UUID.randomUUID();
        db.insertInto(RESULTS).set(RESULTS.ID, id).set(RESULTS.ORGANISATION_ID, organisation).set(RESULTS.SOURCE, "test")
                .set(RESULTS.SOURCE_ID, id.toString()).set(RESULTS.ORDERERS, "[]").set(RESULTS.CRITICAL, false)
                .set(RESULTS.RECEIVED_AT, utc(at("2026-03-28T23:00:00Z"))).execute();
        return id;
    }

    private void alert(UUID result, Person to, int level, Instant posted) {
        db.insertInto(RESULT_ALERTS).set(RESULT_ALERTS.ID, UUID.randomUUID()).set(RESULT_ALERTS.RESULT_ID, result)
                .set(RESULT_ALERTS.ORGANISATION_ID, rdm).set(RESULT_ALERTS.USER_ID, UUID.fromString(to.id()))
                .set(RESULT_ALERTS.TARGET, "user:" + to.id().substring(0, 8)).set(RESULT_ALERTS.REASON, level == 0 ? "orderer" : "deputy")
                .set(RESULT_ALERTS.LEVEL, level).set(RESULT_ALERTS.URGENT, false).set(RESULT_ALERTS.CREATED_AT, utc(posted))
                .set(RESULT_ALERTS.POSTED_AT, utc(posted)).execute();
    }

    private UUID calendar(ChatFixtures f) {
        String team = f.team(ann, "Ward 9");
        UUID id = UUID.randomUUID();
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        db.insertInto(VISIT_CALENDARS).set(VISIT_CALENDARS.ID, id).set(VISIT_CALENDARS.ORGANISATION_ID, rdm)
                .set(VISIT_CALENDARS.TEAM_ID, UUID.fromString(team)).set(VISIT_CALENDARS.CHANNEL_ID, UUID.fromString(f.general(ann, team)))
                .set(VISIT_CALENDARS.SLUG, "usage-" + id.toString().substring(0, 8)).set(VISIT_CALENDARS.NAME, "Ward 9 visits")
                .set(VISIT_CALENDARS.TIME_ZONE, "Europe/London").set(VISIT_CALENDARS.DURATION_MINUTES, 20)
                .set(VISIT_CALENDARS.BUFFER_MINUTES, 0).set(VISIT_CALENDARS.PLACES_PER_SLOT, 2).set(VISIT_CALENDARS.BOOK_AHEAD_DAYS, 14)
                .set(VISIT_CALENDARS.MIN_NOTICE_MINUTES, 0).set(VISIT_CALENDARS.FIELDS, "[]").set(VISIT_CALENDARS.PRIVACY_NOTICE, "")
                .set(VISIT_CALENDARS.CONSENT_TEXT, "").set(VISIT_CALENDARS.PUBLISHED, false)
                .set(VISIT_CALENDARS.CREATED_BY, UUID.fromString(ann.id())).set(VISIT_CALENDARS.CREATED_AT, now)
                .set(VISIT_CALENDARS.UPDATED_AT, now).execute();
        return id;
    }

    private int visits;

    private void visit(UUID calendar, String status, Instant slot, Instant outcome) {
        visits++;
        db.insertInto(VISITS).set(VISITS.ID, UUID.randomUUID()).set(VISITS.CALENDAR_ID, calendar).set(VISITS.ORGANISATION_ID, rdm)
                .set(VISITS.REFERENCE, "USAGE00" + visits).set(VISITS.SLOT_START, utc(slot))
                .set(VISITS.SLOT_END, utc(slot.plus(Duration.ofMinutes(20)))).set(VISITS.PLACE, visits).set(VISITS.STATUS, status)
                .set(VISITS.VISITOR_NAME, "Visitor").set(VISITS.VISITOR_EMAIL, "visitor@example.org").set(VISITS.PATIENT_NAME, "Patient")
                .set(VISITS.ANSWERS, "{}").set(VISITS.BOOKED_AT, utc(slot.minus(Duration.ofDays(1)))).set(VISITS.SEQUENCE, 0)
                .set(VISITS.OUTCOME_AT, "cancelled".equals(status) ? null : utc(outcome))
                .set(VISITS.CANCELLED_AT, "cancelled".equals(status) ? utc(outcome) : null).execute();
    }

    /** The report's series by period label; each value is [messages, meetings, participantMinutes, visits, results, activeUsers]. */
    private Map<String, List<Long>> series(String query, String token) {
        Api.Response r = api.get("/api/v1/admin/usage?" + query, token);
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        Map<String, List<Long>> out = new HashMap<>();
        for (JsonNode p : r.json().get("series")) {
            JsonNode f = p.get("figures");
            out.put(p.get("period").asText(), List.of(f.get("messages").asLong(), f.get("meetings").asLong(),
                    f.get("participantMinutes").asLong(), f.get("virtualVisits").asLong(), f.get("resultsDelivered").asLong(),
                    f.get("activeUsers").asLong()));
        }
        return out;
    }

    @Test
    void theSpringClockChangeDayHas23HoursAndCountsEachEventOnceOnItsLocalDay() {
        Map<String, List<Long>> all = series("from=2026-03-28&to=2026-03-30", admin);
        assertThat(all.get("2026-03-28")).containsExactly(1L, 0L, 0L, 0L, 1L, 1L);
        assertThat(all.get("2026-03-29")).containsExactly(3L, 1L, 90L, 0L, 0L, 2L);
        assertThat(all.get("2026-03-30")).containsExactly(1L, 0L, 0L, 0L, 0L, 1L);
    }

    @Test
    void theAutumnClockChangeDayHas25HoursAndCountsEachEventOnceOnItsLocalDay() {
        Map<String, List<Long>> all = series("from=2026-10-24&to=2026-10-26", admin);
        assertThat(all.get("2026-10-24")).containsExactly(1L, 0L, 0L, 0L, 0L, 1L);
        assertThat(all.get("2026-10-25")).containsExactly(4L, 0L, 0L, 1L, 0L, 4L);
        assertThat(all.get("2026-10-26")).containsExactly(1L, 0L, 0L, 0L, 0L, 1L);
    }

    @Test
    void eachOrganisationHasItsOwnShareAndTheTotalIsTheirSum() {
        Map<String, List<Long>> mine = series("from=2026-03-29&to=2026-03-29&organisation=" + rdm, admin);
        Map<String, List<Long>> theirs = series("from=2026-03-29&to=2026-03-29&organisation=" + rdp, admin);
        // The meeting belongs to its starter's organisation; participant time to each person's.
        assertThat(mine.get("2026-03-29")).containsExactly(3L, 1L, 60L, 0L, 0L, 2L);
        assertThat(theirs.get("2026-03-29")).containsExactly(0L, 0L, 30L, 0L, 0L, 0L);
        assertThat(series("from=2026-10-25&to=2026-10-25&organisation=" + rdm, admin).get("2026-10-25"))
                .containsExactly(3L, 0L, 0L, 1L, 0L, 2L);
        assertThat(series("from=2026-10-25&to=2026-10-25&organisation=" + rdp, admin).get("2026-10-25"))
                .containsExactly(1L, 0L, 0L, 0L, 0L, 2L);
    }

    @Test
    void activeUsersCountEachPersonOncePerIsoWeekAndPerMonth() {
        // ISO week 13 is Monday 23 to Sunday 29 March: Ann and Ben; week 14 from Monday 30 March: Ben.
        Map<String, List<Long>> weeks = series("from=2026-03-23&to=2026-04-05&granularity=week", admin);
        assertThat(weeks.get("2026-W13")).containsExactly(4L, 1L, 90L, 0L, 1L, 2L);
        assertThat(weeks.get("2026-W14")).containsExactly(1L, 0L, 0L, 0L, 0L, 1L);
        Map<String, List<Long>> months = series("from=2026-03-01&to=2026-10-31&granularity=month", admin);
        assertThat(months.get("2026-03")).containsExactly(5L, 1L, 90L, 0L, 1L, 2L);
        // October: Cat, Ann, Ben posted, Dev signed in.
        assertThat(months.get("2026-10")).containsExactly(6L, 0L, 0L, 1L, 0L, 4L);
        assertThat(months.get("2026-04")).containsExactly(0L, 0L, 0L, 0L, 0L, 0L);
    }

    @Test
    void growthSinceADateIsTheDifferenceAndRatioOfTheTwoPeriods() {
        JsonNode g = api.get("/api/v1/admin/usage?from=2026-10-01&to=2026-10-25&since=2026-03-29", admin).json().get("growth");
        assertThat(g.get("sincePeriod").asText()).isEqualTo("2026-03-29");
        assertThat(g.get("toPeriod").asText()).isEqualTo("2026-10-25");
        assertThat(g.get("atSince").get("messages").asLong()).isEqualTo(3);
        assertThat(g.get("atTo").get("messages").asLong()).isEqualTo(4);
        assertThat(g.get("difference").get("messages").asLong()).isEqualTo(1);
        assertThat(g.get("ratio").get("messages").asDouble()).isEqualTo(1.3333);
        assertThat(g.get("ratio").get("meetings").asDouble()).isEqualTo(0.0);
        assertThat(g.get("ratio").hasNonNull("virtualVisits")).as("divided by nothing: no ratio").isFalse();
    }

    @Test
    void runningTheRollupAgainCountsNothingTwice() {
        Map<String, List<Long>> before = series("from=2026-03-01&to=2026-10-31&granularity=month", admin);
        server.app().analytics().rollup().run();
        server.app().analytics().rollup().run();
        assertThat(series("from=2026-03-01&to=2026-10-31&granularity=month", admin)).isEqualTo(before);
    }

    @Test
    void aRowCommittedAfterTheRollupReadPastItsTimestampIsCountedOnce() {
        server.app().analytics().rollup().run();
        Instant now = server.clock.instant();
        String today = LocalDate.ofInstant(now, ZoneId.of("Europe/London")).toString();
        long before = series("from=" + today + "&to=" + today + "&organisation=" + rdp, admin).get(today).get(0);
        // Stamped five minutes ago (behind the watermark), committed only now.
        UUID chat = UUID.fromString(new ChatFixtures(server).group(List.of(cat, dev, ann)));
        message(chat, dev, now.minus(Duration.ofMinutes(5)));
        server.app().analytics().rollup().run();
        server.app().analytics().rollup().run();
        assertThat(series("from=" + today + "&to=" + today + "&organisation=" + rdp, admin).get(today).get(0)).isEqualTo(before + 1);
    }

    @Test
    void anOrganisationAdminSeesTheirOwnOrganisationOnly() {
        Api.Response own = api.get("/api/v1/admin/usage?from=2026-03-29&to=2026-03-29", priya);
        assertThat(own.status()).isEqualTo(200);
        assertThat(own.json().get("organisationId").asText()).isEqualTo(rdm.toString());
        assertThat(own.json().get("series").get(0).get("figures").get("messages").asLong()).isEqualTo(3);
        assertThat(own.json().path("organisations")).isEmpty();
        Api.Response other = api.get("/api/v1/admin/usage?from=2026-03-29&to=2026-03-29&organisation=" + rdp, priya);
        assertThat(other.status()).isEqualTo(404);
        assertThat(api.get("/api/v1/admin/usage.csv?organisation=" + rdp, priya).status()).isEqualTo(404);
    }

    @Test
    void aMemberIsRefused() {
        String alice = server.login("alice");
        assertThat(api.get("/api/v1/admin/usage", alice).status()).isEqualTo(403);
        assertThat(api.get("/api/v1/admin/usage.csv", alice).status()).isEqualTo(403);
    }

    @Test
    void badParametersAreRefusedNamingTheField() {
        assertThat(api.get("/api/v1/admin/usage?granularity=year", admin).json().get("field").asText()).isEqualTo("granularity");
        assertThat(api.get("/api/v1/admin/usage?from=2026-13-01", admin).json().get("field").asText()).isEqualTo("from");
        assertThat(api.get("/api/v1/admin/usage?from=2020-01-01&to=2026-01-01", admin).status()).isEqualTo(400);
    }

    @Test
    void theCsvExportIsRfc4180WithAHeaderAndIsRecordedInTheAuditTrail() {
        Api.Response r = api.get("/api/v1/admin/usage.csv?from=2026-03-28&to=2026-03-30", priya);
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.contentType()).startsWith("text/csv");
        assertThat(r.header("Content-Disposition")).isEqualTo("attachment; filename=\"usage-2026-03-28-2026-03-30.csv\"");
        String name = db.select(ORGANISATIONS.NAME).from(ORGANISATIONS).where(ORGANISATIONS.ID.eq(rdm)).fetchSingle().value1();
        assertThat(r.body()).isEqualTo(UsageCsv.HEADER + "\r\n"
                + "2026-03-28,2026-03-28,2026-03-28," + UsageCsv.text(name) + ",1,0,0,0,1,1\r\n"
                + "2026-03-29,2026-03-29,2026-03-29," + UsageCsv.text(name) + ",3,1,60,0,0,2\r\n"
                + "2026-03-30,2026-03-30,2026-03-30," + UsageCsv.text(name) + ",1,0,0,0,0,1\r\n");
        assertThat(db.fetchCount(AUDIT_EVENTS, AUDIT_EVENTS.ACTION.eq("usage.exported").and(AUDIT_EVENTS.ORGANISATION_ID.eq(rdm))))
                .isEqualTo(1);
        // The total across organisations: its subject is the nil UUID, the total's id.
        Api.Response all = api.get("/api/v1/admin/usage.csv?from=2026-03-29&to=2026-03-29", admin);
        assertThat(all.body()).endsWith("2026-03-29,2026-03-29,2026-03-29,All organisations,3,1,90,0,0,2\r\n");
        assertThat(db.fetchCount(AUDIT_EVENTS, AUDIT_EVENTS.ACTION.eq("usage.exported").and(AUDIT_EVENTS.SUBJECT_ID.eq(new UUID(0, 0)))))
                .isEqualTo(1);
    }
}
