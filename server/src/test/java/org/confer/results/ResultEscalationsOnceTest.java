package org.confer.results;

import static org.assertj.core.api.Assertions.assertThat;
import static org.confer.db.schema.Tables.RESULT_ALERTS;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.confer.testing.Api;
import org.confer.testing.ChatFixtures.Person;
import org.confer.testing.Cluster;
import org.confer.testing.ConferProcess;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * A critical result nobody acknowledged escalates to the deputy once when three nodes of a
 * cluster tick at the same instant (docs/operations.md, "Scheduled work in a cluster"): one level-1
 * alert, one "result.escalated" and one "result.alerted" per result, one message to the deputy.
 * The claim (SKIP LOCKED, then the result's lock) is not the only guard: the unique key of
 * result_alerts and the alert's clientMsgId also stop a twin, so this test still passed with the
 * claim removed (the four short escalation transactions rarely overlap). It guards the whole.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ResultEscalationsOnceTest {
    private Cluster cluster;
    private ResultsKit kit;

    @BeforeAll
    void start() {
        // Only the first node listens for HL7: an MLLP port is one node's.
        cluster = Cluster.start(3, Map.of(), Map.of("CONFER_MLLP_PORT", Integer.toString(ConferProcess.freePort())));
        kit = new ResultsKit(cluster.node(0));
        Api.Response r = kit.put("/api/v1/results/settings", Map.of("deputyAfterMinutes", 5, "chain", List.of()), kit.admin.token());
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
    }

    @AfterAll
    void stop() {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void each_unacknowledged_critical_result_escalates_to_the_deputy_once_when_three_nodes_tick_at_once() throws Exception {
        String facility = kit.feed();
        List<String> results = new ArrayList<>();
        List<Person> deputies = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            String gmc = ResultsKit.gmc();
            Person orderer = kit.clinician("ClusterOrderer" + i, gmc);
            Person deputy = kit.chat.person("ClusterDeputy" + i);
            assertThat(kit.put("/api/v1/me/deputy", Map.of("userId", deputy.id()), orderer.token()).status()).isEqualTo(204);
            try (Mllp lab = new Mllp(cluster.node(0).app().integrations().results().mllp().port())) {
                assertThat(Mllp.code(lab.send(Oru.potassium(facility, "CLUSTER-" + i, gmc, "6.9", "HH").text()))).isEqualTo("AA");
            }
            results.add(kit.recent(orderer).getFirst());
            deputies.add(deputy);
        }

        cluster.advance(Duration.ofMinutes(5).plusSeconds(1));
        cluster.atOnce(app -> {
            app.integrations().results().escalations().tick();
            return null;
        });
        // A node's own timer may have been mid-tick; one more round at once posts anything it left pending.
        cluster.atOnce(app -> {
            app.integrations().results().escalations().tick();
            return null;
        });

        for (int i = 0; i < results.size(); i++) {
            String id = results.get(i);
            assertThat(cluster.dsl().fetchCount(RESULT_ALERTS, RESULT_ALERTS.RESULT_ID.eq(UUID.fromString(id))
                    .and(RESULT_ALERTS.LEVEL.eq(1)))).as("level-1 alerts of result " + i).isEqualTo(1);
            assertThat(kit.audited(id, "result.escalated")).as("result.escalated of result " + i).hasSize(1);
            assertThat(kit.alertedTargets(id)).as("result.alerted of result " + i)
                    .filteredOn(deputies.get(i).id()::equals).hasSize(1);
            assertThat(kit.alertMessage(id, deputies.get(i)).get("urgent").asBoolean()).isTrue();
        }
    }
}
