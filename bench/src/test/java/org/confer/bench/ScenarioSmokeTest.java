package org.confer.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The benchmarks themselves still work: each scenario at a tiny size against the freshly built
 * server jar (one H2 server for all; every scenario seeds its own people) delivers everything
 * exactly once and in order, and the tti scenario's page loads are all measured. No timing is
 * asserted — these are not benchmarks. The search and usage scenarios have servers of their own
 * (SearchSmokeTest, UsageSmokeTest).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ScenarioSmokeTest {
    private static final Path JAR = Path.of("..", "server", "target", "confer.jar");
    private ServerUnderTest server;

    @BeforeAll
    void startServer() throws Exception {
        assertThat(JAR).as("the server module packages before the bench module is tested").exists();
        server = ServerUnderTest.from(options("fanout"));
    }

    @AfterAll
    void stopServer() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    private static Options options(String scenario, String... more) {
        String[] base = {scenario, "--start", "h2", "--jar", JAR.toString(), "--server-heap", "256m"};
        String[] all = java.util.Arrays.copyOf(base, base.length + more.length);
        System.arraycopy(more, 0, all, base.length, more.length);
        return Options.parse(all);
    }

    private static void assertExactlyOnceInOrder(JsonNode r, long expected) {
        assertThat(r.get("expected").asLong()).isEqualTo(expected);
        assertThat(r.get("delivered").asLong()).isEqualTo(expected);
        assertThat(r.get("lost").asLong()).isZero();
        assertThat(r.get("duplicates").asLong()).isZero();
        assertThat(r.get("outOfOrder").asLong()).isZero();
    }

    @Test
    void a_tiny_fanout_delivers_every_message_to_every_member_once_and_in_order() throws Exception {
        JsonNode r = FanoutScenario.run(options("fanout", "--members", "5", "--messages", "40", "--window", "4"), server).json;
        assertExactlyOnceInOrder(r, 200);
        assertThat(r.get("complete").asBoolean()).isTrue();
    }

    @Test
    void a_tiny_resume_catches_every_offline_client_up_once_and_in_order() throws Exception {
        JsonNode r = ResumeScenario.run(options("resume", "--clients", "6", "--group-size", "3", "--messages", "30", "--window", "4"),
                server).json;
        // 30 messages over 2 groups of 3: every client gets its group's 15.
        assertExactlyOnceInOrder(r, 90);
        assertThat(r.get("complete").asBoolean()).isTrue();
    }

    @Test
    void tiny_meetings_deliver_every_signalling_frame_once_and_every_call_ends() throws Exception {
        JsonNode r = MeetingsScenario.run(options("meetings", "--meetings", "2", "--size", "3", "--candidates", "2"), server).json;
        // Per call of three: three pairs, each an offer, an answer and two candidates each way.
        assertExactlyOnceInOrder(r, 2 * 3 * 2 * 3);
        assertThat(r.get("callsNotEnded").asLong()).isZero();
        assertThat(r.get("joins").asLong()).isEqualTo(6);
        assertThat(r.get("p99Ms").asDouble()).as("every join was seen in a roster").isLessThan(30_000);
    }

    @Test
    void a_tiny_results_feed_alerts_each_ordering_clinician_exactly_once_and_every_message_is_acknowledged() throws Exception {
        JsonNode r = ResultsScenario.run(options("results", "--requesters", "3", "--rate", "10", "--seconds", "1",
                "--connections", "2", "--critical-percent", "30"), server).json;
        // Three warm-up results (one per requester), then ten at 10/s.
        assertExactlyOnceInOrder(r, 13);
        assertThat(r.get("misrouted").asLong()).isZero();
        assertThat(r.get("nacked").asLong()).isZero();
        assertThat(r.get("unanswered").asLong()).isZero();
        assertThat(r.get("ackP99Ms").asDouble()).as("every message was acknowledged AA").isPositive();
    }

    @Test
    void a_tiny_booking_rush_never_overbooks_a_slot_loses_a_visit_or_misses_a_confirmation() throws Exception {
        JsonNode r = VisitsScenario.run(options("visits", "--rate", "20", "--seconds", "2", "--contention", "0.3"), server).json;
        assertThat(r.get("bookings").asLong()).isEqualTo(40);
        assertThat(r.get("errors").asLong()).as("every answer is 201 or 409 slot-taken").isZero();
        assertThat(r.get("booked").asLong() + r.get("slotTaken").asLong()).isEqualTo(40);
        assertThat(r.get("booked").asLong()).isPositive();
        assertThat(r.get("slotTaken").asLong()).as("the contended bookings race for full slots").isPositive();
        assertThat(r.get("overbookedSlots").asLong()).isZero();
        assertThat(r.get("lostVisits").asLong()).isZero();
        assertThat(r.get("phantomVisits").asLong()).isZero();
        assertThat(r.get("storedVisits").asLong()).isEqualTo(r.get("booked").asLong());
        assertThat(r.get("confirmationMails").asLong()).isEqualTo(r.get("booked").asLong());
        assertThat(r.get("missingMails").asLong()).isZero();
        assertThat(r.get("extraMails").asLong()).isZero();
    }

    @Test
    void tiny_rooms_deliver_every_scheduled_message_to_every_member_of_its_channel() throws Exception {
        JsonNode r = RoomsScenario.run(options("rooms", "--channels", "2", "--members", "3", "--rate", "20", "--seconds", "2"),
                server).json;
        assertExactlyOnceInOrder(r, 40 * 3);
        assertThat(r.get("failedSends").asLong()).isZero();
    }

    @Test
    void a_tiny_ceiling_run_measures_confer_and_the_bare_jetty_with_the_same_checks() throws Exception {
        JsonNode r = CeilingScenario.run(options("ceiling", "--members", "3", "--messages", "20", "--window", "2"), server).json;
        assertExactlyOnceInOrder(r, 2 * 3 * 20);
        assertThat(r.get("ceilingDeliveriesPerSec").asLong()).isPositive();
        assertThat(r.get("conferDeliveriesPerSec").asLong()).isPositive();
        assertThat(r.get("ceiling").get("params").get("members").asText()).isEqualTo("3");
    }

    @Test
    void a_tiny_nhs_day_delivers_every_message_to_the_connected_members_of_its_conversation() throws Exception {
        JsonNode r = NhsDayScenario.run(options("nhs-day", "--users", "60", "--connections", "12", "--conversations", "15",
                "--messages", "150", "--speed", "86400"), server).json;
        assertThat(r.get("lost").asLong()).isZero();
        assertThat(r.get("duplicates").asLong()).isZero();
        assertThat(r.get("outOfOrder").asLong()).isZero();
        assertThat(r.get("delivered").asLong()).isEqualTo(r.get("expected").asLong()).isPositive();
        assertThat(r.get("failedSends").asLong()).isZero();
        assertThat(r.get("users").asInt()).isEqualTo(60);
    }

    /**
     * Two cold and two warm loads of the sign-in page in the machine's Chromium all reach "ready"
     * and report every measure (on the shared server: a page load does not depend on what the
     * other scenarios seeded). Skipped without Chromium, except under CI=true.
     */
    @Test
    void every_tti_load_of_the_sign_in_page_becomes_ready_and_is_measured() throws Exception {
        Path chromium = Path.of(System.getenv().getOrDefault("CONFER_TEST_CHROMIUM", "/usr/bin/chromium"));
        if (!"true".equals(System.getenv("CI"))) {
            Assumptions.assumeTrue(Files.isExecutable(chromium), "Chromium not installed at " + chromium);
        }
        JsonNode r = TtiScenario.run(options("tti", "--runs", "2", "--chromium", chromium.toString()), server).json;
        assertThat(r.get("expected").asInt()).isEqualTo(4);
        assertThat(r.get("lost").asInt()).isZero();
        for (String mode : new String[] {"cold", "warm"}) {
            for (String metric : new String[] {"DomInteractive", "DomContentLoaded", "Load", "Ready"}) {
                assertThat(r.get(mode + metric + "P50Ms").asDouble()).as(mode + metric).isPositive();
                assertThat(r.get(mode + metric + "P95Ms").asDouble()).isGreaterThanOrEqualTo(r.get(mode + metric + "P50Ms").asDouble());
            }
        }
        // A cold load fetches the page and its script and styles; a warm one takes them from the cache.
        assertThat(r.get("coldTransferredKiB").asDouble()).isGreaterThan(r.get("warmTransferredKiB").asDouble());
    }
}
