package org.confer.results;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.confer.testing.Api;
import org.confer.testing.ChatFixtures.Person;
import org.confer.testing.ConferProcess;
import org.confer.testing.ServerTest;
import org.junit.jupiter.api.Test;

/** HL7 v2 over a real MLLP socket: commit then ACK, idempotent resends, refusals, framing, routing. */
class ResultsOverMllpTest extends ServerTest {
    private ResultsKit kit;
    private String inbox;
    private Person liaison;

    @Override
    protected Map<String, String> settings() {
        return Map.of("CONFER_MLLP_PORT", Integer.toString(ConferProcess.freePort()), "CONFER_MLLP_MAX_FRAME_BYTES", "4096");
    }

    @Override
    protected void afterStart() {
        kit = new ResultsKit(server);
        liaison = kit.chat.person("LabLiaison");
        String team = kit.chat.team(kit.admin, "Pathology liaison");
        kit.chat.addToTeam(kit.admin, team, liaison);
        inbox = kit.chat.channel(kit.admin, team, "results-inbox", "private", List.of(liaison));
        Api.Response r = kit.put("/api/v1/results/settings", Map.of("inboxConversationId", inbox, "deputyAfterMinutes", 5,
                "chain", List.of()), kit.admin.token());
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
    }

    private Mllp connect() throws Exception {
        return new Mllp(server.app().integrations().results().mllp().port());
    }

    @Test
    void aResultIsAcknowledgedAaOnlyOnceStoredAndItsOrdererGetsACardFromTheResultsBot() throws Exception {
        String facility = kit.feed();
        String gmc = ResultsKit.gmc();
        Person orderer = kit.clinician("AnnaJones", gmc);
        try (Mllp lab = connect()) {
            String ack = lab.send(Oru.potassium(facility, "MSG-A1", gmc, "5.9", "H").text());
            assertThat(Mllp.code(ack)).isEqualTo("AA");
        }
        // The ACK came after the commit: the result and its alert are there at once, no waiting.
        List<String> mine = kit.recent(orderer);
        assertThat(mine).hasSize(1);
        JsonNode message = kit.alertMessage(mine.getFirst(), orderer);
        assertThat(message.get("urgent").asBoolean()).isFalse();
        JsonNode card = message.get("card");
        assertThat(card.get("severity").asText()).isEqualTo("warning");
        assertThat(card.get("link").asText()).isEqualTo("#/results/" + mine.getFirst());
        assertThat(card.get("fields").toString()).contains("SMITH", "943 476 5919", "Potassium", "5.9 mmol/L", "3.5-5.3", "ABNORMAL");
        assertThat(card.get("actions")).isEmpty();
    }

    @Test
    void aResendOfTheSameControlIdIsAcknowledgedAaAndAlertsNobodyAgain() throws Exception {
        String facility = kit.feed();
        String gmc = ResultsKit.gmc();
        Person orderer = kit.clinician("ResendTarget", gmc);
        String message = Oru.potassium(facility, "MSG-R1", gmc, "4.1", "N").text();
        try (Mllp lab = connect()) {
            assertThat(Mllp.code(lab.send(message))).isEqualTo("AA");
            assertThat(Mllp.code(lab.send(message))).isEqualTo("AA");
        }
        try (Mllp again = connect()) {
            assertThat(Mllp.code(again.send(message))).isEqualTo("AA");
        }
        List<String> mine = kit.recent(orderer);
        assertThat(mine).hasSize(1);
        assertThat(kit.alertedTargets(mine.getFirst())).containsExactly(orderer.id());
        assertThat(kit.audited(mine.getFirst(), "result.duplicate")).hasSize(2);
    }

    @Test
    void aMessageOfAnotherTypeIsRejectedArAndNothingIsStored() throws Exception {
        String facility = kit.feed();
        String gmc = ResultsKit.gmc();
        Person orderer = kit.clinician("WrongType", gmc);
        try (Mllp lab = connect()) {
            String ack = lab.send(Oru.potassium(facility, "MSG-T1", gmc, "4.1", "N").withType("ADT^A01^ADT_A01").text());
            assertThat(Mllp.code(ack)).isEqualTo("AR");
        }
        assertThat(kit.recent(orderer)).isEmpty();
    }

    @Test
    void aWrongNhsNumberCheckDigitIsAnApplicationErrorAeAndNothingIsStored() throws Exception {
        String facility = kit.feed();
        String gmc = ResultsKit.gmc();
        Person orderer = kit.clinician("BadNhs", gmc);
        try (Mllp lab = connect()) {
            String ack = lab.send(Oru.potassium(facility, "MSG-N1", gmc, "4.1", "N").withNhs("9434765918").text());
            assertThat(Mllp.code(ack)).isEqualTo("AE");
            assertThat(ack).contains("NHS");
        }
        assertThat(kit.recent(orderer)).isEmpty();
    }

    @Test
    void anUnknownSendingFacilityIsRejectedAr() throws Exception {
        String gmc = ResultsKit.gmc();
        Person orderer = kit.clinician("UnknownFeed", gmc);
        try (Mllp lab = connect()) {
            String ack = lab.send(Oru.potassium("NOT-A-FEED", "MSG-U1", gmc, "4.1", "N").text());
            assertThat(Mllp.code(ack)).isEqualTo("AR");
            assertThat(ack).contains("unknown sending facility");
        }
        assertThat(kit.recent(orderer)).isEmpty();
    }

    @Test
    void aFrameWithoutItsEndBlockClosesTheConnectionWithoutAnAckAndStoresNothing() throws Exception {
        String facility = kit.feed();
        String gmc = ResultsKit.gmc();
        Person orderer = kit.clinician("NoEnd", gmc);
        try (Mllp lab = connect()) {
            byte[] framed = Mllp.frame(Oru.potassium(facility, "MSG-F1", gmc, "4.1", "N").text().getBytes());
            // A second start block before the first frame's end block: the first frame never ended.
            lab.sendRaw(Arrays.copyOf(framed, framed.length - 2));
            lab.sendRaw(new byte[] {0x0B});
            assertThat(lab.readAck()).isNull();
        }
        assertThat(kit.recent(orderer)).isEmpty();
    }

    @Test
    void anOversizedFrameClosesTheConnectionWithoutAnAckAndStoresNothing() throws Exception {
        String facility = kit.feed();
        String gmc = ResultsKit.gmc();
        Person orderer = kit.clinician("TooBig", gmc);
        String big = Oru.potassium(facility, "MSG-O1", gmc, "4.1", "N").text() + "NTE|1||" + "x".repeat(5000) + "\r";
        try (Mllp lab = connect()) {
            lab.sendRaw(Mllp.frame(big.getBytes()));
            assertThat(lab.readAck()).isNull();
        }
        assertThat(kit.recent(orderer)).isEmpty();
    }

    @Test
    void theOrdererIsFoundByGmcNumberOnlyNeverByNameNorInAnotherOrganisation() throws Exception {
        String facility = kit.feed();
        String gmc = ResultsKit.gmc();
        Person orderer = kit.clinician("AnnaJones", gmc);
        Person sameName = kit.chat.person("AnnaJones");
        // Another organisation's person with the same GMC number in their own organisation.
        Person otherAdmin = kit.chat.personIn("OtherAdmin", "YDX");
        Api.Response promote = api.patch("/api/v1/admin/users/" + otherAdmin.id(), Map.of("role", "org_admin"), kit.admin.token());
        assertThat(promote.status()).as(promote.toString()).isEqualTo(200);
        Person elsewhere = kit.chat.personIn("AnnaJones", "YDX");
        Api.Response set = kit.put("/api/v1/users/" + elsewhere.id() + "/identifiers",
                Map.of("items", List.of(Map.of("system", "GMC", "value", gmc))), otherAdmin.token());
        assertThat(set.status()).as(set.toString()).isEqualTo(200);
        try (Mllp lab = connect()) {
            assertThat(Mllp.code(lab.send(Oru.potassium(facility, "MSG-G1", gmc, "4.1", "N").text()))).isEqualTo("AA");
        }
        List<String> mine = kit.recent(orderer);
        assertThat(mine).hasSize(1);
        assertThat(kit.alertedTargets(mine.getFirst())).containsExactly(orderer.id());
        assertThat(kit.recent(sameName)).isEmpty();
        assertThat(kit.recent(elsewhere)).isEmpty();
        // Nor may they read it.
        assertThat(api.get("/api/v1/results/" + mine.getFirst(), sameName.token()).status()).isEqualTo(404);
        assertThat(api.get("/api/v1/results/" + mine.getFirst(), elsewhere.token()).status()).isEqualTo(404);
    }

    @Test
    void watchersOfThePatientAreAlertedAndAnUnmatchedResultGoesToTheResultsInbox() throws Exception {
        String facility = kit.feed();
        Person watcher = kit.chat.person("WardNurse");
        Api.Response w = api.post("/api/v1/results/watches", Map.of("nhsNumber", "943 476 5870", "test", "potassium"), watcher.token());
        assertThat(w.status()).as(w.toString()).isEqualTo(201);
        Person notWatching = kit.chat.person("OtherNurse");
        api.post("/api/v1/results/watches", Map.of("nhsNumber", "9434765870", "test", "haemoglobin"), notWatching.token());
        try (Mllp lab = connect()) {
            // GMC 7654321 belongs to nobody: the inbox gets it as well as the watcher.
            assertThat(Mllp.code(lab.send(Oru.potassium(facility, "MSG-W1", "7654321", "4.4", "N").withNhs(Oru.OTHER_NHS).text())))
                    .isEqualTo("AA");
        }
        List<String> mine = kit.recent(watcher);
        assertThat(mine).hasSize(1);
        String id = mine.getFirst();
        assertThat(kit.alertedTargets(id)).containsExactlyInAnyOrder(watcher.id(), "inbox");
        assertThat(kit.recent(notWatching)).isEmpty();
        JsonNode inboxPost = null;
        for (JsonNode m : api.get("/api/v1/conversations/" + inbox + "/messages?limit=100", liaison.token()).json().get("items")) {
            if (m.get("card") != null && !m.get("card").isNull() && m.get("card").get("link").asText().equals("#/results/" + id)) {
                inboxPost = m;
            }
        }
        assertThat(inboxPost).as("the inbox card").isNotNull();
        assertThat(inboxPost.get("card").get("title").asText()).contains("no clinician found for GMC 7654321");
        // The lab liaison reads it and its audit trail; the watcher reads it too, but not the trail.
        assertThat(api.get("/api/v1/results/" + id, liaison.token()).status()).isEqualTo(200);
        assertThat(api.get("/api/v1/results/" + id + "/audit", liaison.token()).status()).isEqualTo(200);
        assertThat(api.get("/api/v1/results/" + id, watcher.token()).status()).isEqualTo(200);
        assertThat(api.get("/api/v1/results/" + id + "/audit", watcher.token()).status()).isEqualTo(404);
        assertThat(api.get("/api/v1/results/" + id, notWatching.token()).status()).isEqualTo(404);
    }

    @Test
    void viewingAResultIsAudited() throws Exception {
        String facility = kit.feed();
        String gmc = ResultsKit.gmc();
        Person orderer = kit.clinician("Viewer", gmc);
        try (Mllp lab = connect()) {
            assertThat(Mllp.code(lab.send(Oru.potassium(facility, "MSG-V1", gmc, "4.1", "N").text()))).isEqualTo("AA");
        }
        String id = kit.recent(orderer).getFirst();
        Api.Response view = api.get("/api/v1/results/" + id, orderer.token());
        assertThat(view.status()).as(view.toString()).isEqualTo(200);
        assertThat(view.json().get("observations").get(0).get("value").asText()).isEqualTo("4.1");
        assertThat(view.json().get("alerts").get(0).get("reason").asText()).isEqualTo("orderer");
        List<JsonNode> viewed = kit.audited(id, "result.viewed");
        assertThat(viewed).hasSize(1);
        assertThat(viewed.getFirst().get("actorId").asText()).isEqualTo(orderer.id());
        assertThat(kit.audit(id).toString()).contains("result.received", "result.routed", "result.alerted", "MSG-V1");
    }

    @Test
    void theResultsCommandWatchesAPatientAndRefusesAWrongCheckDigitClearly() {
        Person nurse = kit.chat.person("CommandNurse");
        String chat = kit.chat.direct(nurse, liaison);
        Api.Response wrong = api.post("/api/v1/conversations/" + chat + "/commands",
                Map.of("command", "results", "text", "watch 943 476 5918 potassium"), nurse.token());
        assertThat(wrong.status()).as(wrong.toString()).isEqualTo(400);
        assertThat(wrong.json().get("detail").asText()).contains("check digit");
        Api.Response ok = api.post("/api/v1/conversations/" + chat + "/commands",
                Map.of("command", "results", "text", "watch 943 476 5919 potassium"), nurse.token());
        assertThat(ok.status()).as(ok.toString()).isEqualTo(200);
        assertThat(ok.json().get("text").asText()).contains("Watching NHS 943 476 5919 (potassium)");
        Api.Response list = api.post("/api/v1/conversations/" + chat + "/commands", Map.of("command", "results", "text", "watches"),
                nurse.token());
        assertThat(list.json().get("text").asText()).contains("943 476 5919 (potassium)");
        assertThat(api.get("/api/v1/results/watches", nurse.token()).json().get("items")).hasSize(1);
        Api.Response off = api.post("/api/v1/conversations/" + chat + "/commands",
                Map.of("command", "results", "text", "unwatch 9434765919"), nurse.token());
        assertThat(off.json().get("text").asText()).contains("Stopped 1 watch");
        assertThat(api.get("/api/v1/results/watches", nurse.token()).json().get("items")).isEmpty();
    }
}
