package org.confer.requests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;
import org.confer.testing.Api;
import org.confer.testing.ChatFixtures.Person;
import org.junit.jupiter.api.Test;

class RequestServicesTest extends RequestsTestBase {

    private JsonNode listed(Person who, String id) {
        for (JsonNode s : api.get("/api/v1/request-services", who.token()).json().get("items")) {
            if (s.get("id").asText().equals(id)) {
                return s;
            }
        }
        return null;
    }

    @Test
    void everyone_in_the_organisation_sees_a_service_and_only_its_team_may_work_it() {
        JsonNode seenByNurse = listed(nurse, serviceId);
        assertThat(seenByNurse).isNotNull();
        assertThat(seenByNurse.get("slug").asText()).isEqualTo(slug);
        assertThat(seenByNurse.get("teamId").asText()).isEqualTo(team.id());
        assertThat(seenByNurse.get("queueConversationId").asText()).isEqualTo(team.general());
        assertThat(seenByNurse.get("leadId").asText()).isEqualTo(team.owner().id());
        assertThat(seenByNurse.get("askNhsNumber").asBoolean()).isTrue();
        assertThat(seenByNurse.get("targets").get("urgent").asInt()).isEqualTo(60);
        assertThat(seenByNurse.get("fields").get(0).get("choices").size()).isEqualTo(2);
        assertThat(seenByNurse.get("canWork").asBoolean()).isFalse();
        assertThat(listed(team.member(), serviceId).get("canWork").asBoolean()).isTrue();
        assertThat(listed(fx.personIn("visitor", "YDX"), serviceId)).as("another organisation's").isNull();
    }

    @Test
    void the_requests_bot_joins_the_queue_channel() {
        JsonNode general = api.get("/api/v1/conversations/" + team.general(), team.owner().token()).json();
        List<String> members = new ArrayList<>();
        general.get("memberIds").forEach(m -> members.add(m.asText()));
        String admin = server.login("admin");
        boolean aBot = members.stream().anyMatch(id -> api.get("/api/v1/admin/users/" + id, admin).json().path("bot").asBoolean());
        assertThat(aBot).as("a bot among " + members).isTrue();
    }

    @Test
    void a_team_owner_changes_a_service_a_member_may_not_and_a_stranger_finds_none() {
        String id = createService("porter-" + UUID.randomUUID().toString().substring(0, 6), "Porters", List.of(), false);
        Api.Response changed = api.patch("/api/v1/request-services/" + id, Map.of("name", "Porters (day)",
                "targets", Map.of("routine", 120, "urgent", 30, "emergency", 10)), team.owner().token());
        assertThat(changed.status()).as(changed.toString()).isEqualTo(200);
        assertThat(changed.json().get("name").asText()).isEqualTo("Porters (day)");
        assertThat(changed.json().get("targets").get("routine").asInt()).isEqualTo(120);

        Api.Response byMember = api.patch("/api/v1/request-services/" + id, Map.of("name", "Hijacked"), team.member().token());
        assertThat(byMember.status()).isEqualTo(403);
        Api.Response byNurse = api.patch("/api/v1/request-services/" + id, Map.of("name", "Hijacked"), nurse.token());
        assertThat(byNurse.status()).isEqualTo(404);
        Api.Response byVisitor = api.patch("/api/v1/request-services/" + id, Map.of("name", "Hijacked"),
                fx.personIn("visitor", "YDX").token());
        assertThat(byVisitor.status()).isEqualTo(404);
        assertThat(listed(nurse, id).get("name").asText()).isEqualTo("Porters (day)");
    }

    @Test
    void an_organisation_admin_manages_a_teams_service_without_being_in_the_team() {
        String admin = server.login("priya");
        Api.Response r = api.patch("/api/v1/request-services/" + serviceId, Map.of("askNhsNumber", true), admin);
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
    }

    @Test
    void a_member_who_does_not_own_the_team_cannot_create_a_service() {
        Api.Response r = api.post("/api/v1/request-services", serviceBody("swabs", "Swab team", List.of(), false), team.member().token());
        assertThat(r.status()).isEqualTo(403);
        Api.Response byNurse = api.post("/api/v1/request-services", serviceBody("swabs", "Swab team", List.of(), false), nurse.token());
        assertThat(byNurse.status()).isEqualTo(403);
    }

    @Test
    void a_slug_already_used_in_the_organisation_is_a_conflict() {
        Api.Response r = api.post("/api/v1/request-services", serviceBody(slug, "Phlebotomy again", List.of(), false), team.owner().token());
        assertThat(r.status()).isEqualTo(409);
    }

    @Test
    void bad_form_definitions_are_refused_naming_the_field() {
        List<Map<String, Object>> tooMany = IntStream.range(0, 21)
                .mapToObj(i -> Map.<String, Object>of("name", "f" + i, "label", "F" + i, "type", "text")).toList();
        assertRefused(tooMany, "fields");
        assertRefused(List.of(Map.of("name", "Bad Name", "label", "x", "type", "text")), "fields[0].name");
        assertRefused(List.of(Map.of("name", "9lives", "label", "x", "type", "text")), "fields[0].name");
        assertRefused(List.of(Map.of("name", "when", "label", "When", "type", "date")), "fields[0].type");
        assertRefused(List.of(Map.of("name", "site", "label", "Site", "type", "choice")), "fields[0].choices");
        assertRefused(List.of(Map.of("name", "site", "label", "Site", "type", "text", "choices", List.of("a"))), "fields[0].choices");
        assertRefused(List.of(Map.of("name", "a", "label", "A", "type", "text"), Map.of("name", "a", "label", "B", "type", "text")),
                "fields[1].name");
        assertRefused(List.of(Map.of("name", "a", "label", " ", "type", "text")), "fields[0].label");
    }

    private void assertRefused(List<Map<String, Object>> fields, String field) {
        Api.Response r = api.post("/api/v1/request-services", serviceBody("bad-" + UUID.randomUUID().toString().substring(0, 6),
                "Bad", fields, false), team.owner().token());
        assertThat(r.status()).as(r.toString()).isEqualTo(400);
        assertThat(r.json().get("field").asText()).isEqualTo(field);
    }

    @Test
    void the_queue_must_be_a_channel_of_the_team_and_the_lead_a_member_of_it() {
        String otherTeam = fx.team(team.owner(), "Elsewhere-" + UUID.randomUUID());
        Map<String, Object> b = serviceBody("imaging", "Imaging", List.of(), false);
        b.put("queueConversationId", fx.general(team.owner(), otherTeam));
        assertField(api.post("/api/v1/request-services", b, team.owner().token()), "queueConversationId");
        b = serviceBody("imaging", "Imaging", List.of(), false);
        b.put("queueConversationId", fx.group(team.owner(), team.member(), team.teammate()));
        assertField(api.post("/api/v1/request-services", b, team.owner().token()), "queueConversationId");
        b = serviceBody("imaging", "Imaging", List.of(), false);
        b.put("leadId", nurse.id());
        assertField(api.post("/api/v1/request-services", b, team.owner().token()), "leadId");
        b = serviceBody("Imaging!", "Imaging", List.of(), false);
        assertField(api.post("/api/v1/request-services", b, team.owner().token()), "slug");
        b = serviceBody("imaging", "Imaging", List.of(), false);
        b.put("targets", Map.of("routine", 0, "urgent", 30, "emergency", 10));
        assertField(api.post("/api/v1/request-services", b, team.owner().token()), "targets.routine");
    }

    private static void assertField(Api.Response r, String field) {
        assertThat(r.status()).as(r.toString()).isEqualTo(400);
        assertThat(r.json().get("field").asText()).isEqualTo(field);
    }
}
