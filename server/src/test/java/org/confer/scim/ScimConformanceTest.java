package org.confer.scim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.confer.db.schema.Tables.AUDIT_EVENTS;
import static org.confer.db.schema.Tables.TEAMS;
import static org.confer.db.schema.Tables.TEAM_MEMBERS;
import static org.confer.scim.ScimWire.GROUPS;
import static org.confer.scim.ScimWire.USERS;
import static org.confer.scim.ScimWire.USER_SCHEMA;
import static org.confer.scim.ScimWire.filter;
import static org.confer.scim.ScimWire.patch;
import static org.confer.scim.ScimWire.tokensPath;
import static org.confer.scim.ScimWire.tag;
import static org.confer.scim.ScimWire.user;
import static org.confer.scim.ScimWire.userNames;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.confer.testing.Api.Response;
import org.confer.testing.ChatFixtures;
import org.confer.testing.ChatFixtures.Person;
import org.confer.testing.ServerTest;
import org.confer.testing.StreamClient;
import org.jooq.DSLContext;
import org.junit.jupiter.api.Test;

/**
 * SCIM 2.0 provisioning (docs/provisioning.md) walked the way an identity system walks it (RFC
 * 7644's flows, as Entra ID and Okta send them): create, read, filter, page, replace, patch,
 * deactivate, groups as teams, the errors, and who the token reaches.
 */
class ScimConformanceTest extends ServerTest {
    private ChatFixtures fx;
    /** RDM's SCIM token (made by its organisation admin priya) and RDP's (made by erin). */
    private String token;
    private String otherToken;
    private String rdm;
    private String priya;

    @Override
    protected void afterStart() {
        fx = new ChatFixtures(server);
        priya = server.login("priya");
        rdm = api.get("/api/v1/me", priya).json().at("/organisation/id").asText();
        token = ScimWire.createToken(api, priya, rdm, "Entra ID").json().get("secret").asText();
        String erin = server.login("erin");
        String rdp = api.get("/api/v1/me", erin).json().at("/organisation/id").asText();
        otherToken = ScimWire.createToken(api, erin, rdp, "Okta").json().get("secret").asText();
    }

    private DSLContext db() {
        return server.app().database().dsl();
    }

    private Response scim(String method, String path, Object body, String bearer) {
        return ScimWire.send(api, method, path, body, bearer);
    }

    private Response scim(String method, String path, Object body) {
        return scim(method, path, body, token);
    }

    private JsonNode created(String email, String given, String family, String externalId) {
        Response r = scim("POST", USERS, user(email, given, family, externalId));
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        return r.json();
    }

    // ---- tokens ----

    @Test
    void an_organisation_admin_creates_a_token_whose_secret_is_shown_once_then_lists_and_revokes_it() {
        Response made = ScimWire.createToken(api, priya, rdm, "Keycloak " + tag());
        assertThat(made.status()).as(made.toString()).isEqualTo(201);
        String secret = made.json().get("secret").asText();
        String id = made.json().at("/token/id").asText();
        assertThat(secret).startsWith("cs_");
        assertThat(made.json().get("scimUrl").asText()).endsWith("/scim/v2");
        assertThat(scim("GET", USERS + "?count=1", null, secret).status()).isEqualTo(200);

        Response list = api.get(tokensPath(rdm), priya);
        assertThat(list.status()).isEqualTo(200);
        assertThat(list.body()).contains(id).doesNotContain(secret);

        assertThat(api.delete(tokensPath(rdm) + "/" + id, priya).status()).isEqualTo(204);
        assertThat(scim("GET", USERS, null, secret).status()).as("revoked at once").isEqualTo(401);
        assertThat(db().fetchCount(AUDIT_EVENTS, AUDIT_EVENTS.ACTION.eq("scim.token_created"))).isGreaterThanOrEqualTo(3);
        assertThat(db().fetchCount(AUDIT_EVENTS, AUDIT_EVENTS.ACTION.eq("scim.token_revoked").and(AUDIT_EVENTS.SUBJECT_ID.eq(UUID.fromString(id)))))
                .isEqualTo(1);
    }

    @Test
    void another_organisations_admin_and_a_member_cannot_see_or_make_this_organisations_tokens() {
        String erin = server.login("erin");
        assertThat(api.get(tokensPath(rdm), erin).status()).isEqualTo(404);
        assertThat(ScimWire.createToken(api, erin, rdm, "intruder").status()).isEqualTo(404);
        assertThat(ScimWire.createToken(api, fx.person("member").token(), rdm, "member").status()).isEqualTo(403);
    }

    // ---- credentials ----

    @Test
    void only_a_live_scim_token_opens_scim_and_a_scim_token_opens_nothing_else() {
        Person person = fx.person("holder");
        assertThat(scim("GET", USERS, null, null).status()).isEqualTo(401);
        assertThat(scim("GET", USERS, null, "cs_not-a-token").status()).isEqualTo(401);
        Response withSession = scim("GET", USERS, null, person.token());
        assertThat(withSession.status()).as("a session token at /scim/v2").isEqualTo(401);
        assertThat(withSession.contentType()).startsWith("application/scim+json");
        assertThat(withSession.json().get("schemas").get(0).asText()).isEqualTo("urn:ietf:params:scim:api:messages:2.0:Error");
        assertThat(withSession.json().get("status").asText()).isEqualTo("401");
        assertThat(api.get("/api/v1/me", token).status()).as("a SCIM token at /api/v1").isEqualTo(401);
        assertThat(api.get(tokensPath(rdm), token).status()).isEqualTo(401);
    }

    @Test
    void a_body_a_cross_site_form_could_send_is_415_before_any_token_is_read() {
        for (String type : List.of("text/plain", "application/x-www-form-urlencoded")) {
            Response r = api.send("POST", USERS, "userName=x".getBytes(StandardCharsets.UTF_8), Map.of("Content-Type", type));
            assertThat(r.status()).as(type).isEqualTo(415);
            assertThat(r.contentType()).startsWith("application/scim+json");
        }
    }

    @Test
    void another_organisations_token_finds_neither_this_organisations_people_nor_its_groups() {
        JsonNode u = created("x" + tag() + "@rdm.nhs.uk", "Xena", "Ward", "x-" + tag());
        Response g = scim("POST", GROUPS, Map.of("displayName", "Ward X " + tag()));
        assertThat(scim("GET", USERS + "/" + u.get("id").asText(), null, otherToken).status()).isEqualTo(404);
        assertThat(scim("PATCH", USERS + "/" + u.get("id").asText(),
                patch(Map.of("op", "replace", "value", Map.of("active", false))), otherToken).status()).isEqualTo(404);
        assertThat(scim("DELETE", GROUPS + "/" + g.json().get("id").asText(), null, otherToken).status()).isEqualTo(404);
        assertThat(userNames(scim("GET", USERS + filter("userName eq \"" + u.get("userName").asText() + "\""), null, otherToken))).isEmpty();
        assertThat(scim("GET", USERS + "/" + u.get("id").asText(), null).json().get("active").asBoolean()).isTrue();
    }

    // ---- users ----

    @Test
    void a_created_user_comes_back_with_its_schema_meta_version_and_location_and_reads_the_same() {
        String email = "ada" + tag() + "@rdm.nhs.uk";
        Response r = scim("POST", USERS, user(email, "Ada", "Okafor", "entra-1"));

        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        assertThat(r.contentType()).startsWith("application/scim+json");
        JsonNode u = r.json();
        assertThat(u.get("schemas").get(0).asText()).isEqualTo(USER_SCHEMA);
        assertThat(u.get("userName").asText()).isEqualTo(email);
        assertThat(u.get("displayName").asText()).isEqualTo("Ada Okafor");
        assertThat(u.at("/name/givenName").asText()).isEqualTo("Ada");
        assertThat(u.get("title").asText()).isEqualTo("Staff Nurse");
        assertThat(u.get("externalId").asText()).isEqualTo("entra-1");
        assertThat(u.get("active").asBoolean()).isTrue();
        assertThat(u.at("/meta/resourceType").asText()).isEqualTo("User");
        assertThat(u.at("/meta/location").asText()).endsWith(USERS + "/" + u.get("id").asText()).isEqualTo(r.header("Location"));
        assertThat(u.at("/meta/version").asText()).startsWith("W/\"").isEqualTo(r.header("ETag"));
        assertThat(u.at("/meta/created").asText()).isNotEmpty();

        Response read = scim("GET", USERS + "/" + u.get("id").asText(), null);
        assertThat(read.status()).isEqualTo(200);
        assertThat(read.json()).isEqualTo(u);
        assertThat(api.get("/api/v1/admin/users/" + u.get("id").asText(), priya).json().get("jobTitle").asText()).isEqualTo("Staff Nurse");
    }

    @Test
    void a_duplicate_userName_is_409_uniqueness() {
        String email = "dup" + tag() + "@rdm.nhs.uk";
        created(email, "Dee", "Upp", "dup-1");
        Response again = scim("POST", USERS, user(email.toUpperCase(), "Dee", "Again", "dup-2"));
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.json().get("scimType").asText()).isEqualTo("uniqueness");
        assertThat(again.json().get("status").asText()).isEqualTo("409");
    }

    @Test
    void people_are_found_by_userName_externalId_active_and_those_joined_with_and() {
        String t = tag();
        JsonNode a = created("fa" + t + "@rdm.nhs.uk", "Filter", "A", "ext-a-" + t);
        created("fb" + t + "@rdm.nhs.uk", "Filter", "B", "ext-b-" + t);
        scim("PATCH", USERS + "/" + a.get("id").asText(), patch(Map.of("op", "replace", "path", "active", "value", false)));

        assertThat(userNames(scim("GET", USERS + filter("userName eq \"FA" + t + "@rdm.nhs.uk\""), null))).containsExactly("fa" + t + "@rdm.nhs.uk");
        assertThat(userNames(scim("GET", USERS + filter("externalId eq \"ext-b-" + t + "\""), null))).containsExactly("fb" + t + "@rdm.nhs.uk");
        assertThat(userNames(scim("GET", USERS + filter("externalId eq \"ext-a-" + t + "\" and active eq false"), null)))
                .containsExactly("fa" + t + "@rdm.nhs.uk");
        assertThat(userNames(scim("GET", USERS + filter("externalId eq \"ext-a-" + t + "\" and active eq true"), null))).isEmpty();
        Response none = scim("GET", USERS + filter("userName eq \"nobody-" + t + "@rdm.nhs.uk\""), null);
        assertThat(none.json().get("totalResults").asInt()).isZero();
        assertThat(none.json().get("schemas").get(0).asText()).isEqualTo("urn:ietf:params:scim:api:messages:2.0:ListResponse");
    }

    @Test
    void a_filter_outside_what_is_supported_is_400_invalidFilter() {
        for (String bad : List.of("userName co \"a\"", "userName eq \"a\" or active eq true", "nickName eq \"a\"", "userName eq \"open")) {
            Response r = scim("GET", USERS + filter(bad), null);
            assertThat(r.status()).as(bad).isEqualTo(400);
            assertThat(r.json().get("scimType").asText()).as(bad).isEqualTo("invalidFilter");
        }
    }

    @Test
    void the_list_pages_with_startIndex_and_count() {
        for (int i = 0; i < 3; i++) {
            created("page" + i + tag() + "@rdm.nhs.uk", "Page", "P" + i, "page-" + tag());
        }
        int total = scim("GET", USERS + "?count=0", null).json().get("totalResults").asInt();
        Response first = scim("GET", USERS + "?startIndex=1&count=2", null);
        Response second = scim("GET", USERS + "?startIndex=3&count=2", null);

        assertThat(total).as("the seven demo people of RDM and these three").isGreaterThanOrEqualTo(10);
        assertThat(first.json().get("itemsPerPage").asInt()).isEqualTo(2);
        assertThat(first.json().get("totalResults").asInt()).isEqualTo(total);
        assertThat(second.json().get("startIndex").asInt()).isEqualTo(3);
        assertThat(userNames(first)).doesNotContainAnyElementsOf(userNames(second));
        assertThat(userNames(scim("GET", USERS + "?startIndex=" + total + "&count=5", null))).hasSize(1);
    }

    @Test
    void put_replaces_the_attributes_confer_keeps() {
        JsonNode u = created("put" + tag() + "@rdm.nhs.uk", "Pat", "Before", "put-1");
        Map<String, Object> replaced = Map.of("schemas", List.of(USER_SCHEMA), "userName", u.get("userName").asText(),
                "displayName", "Pat After", "externalId", "put-2", "active", true);

        Response r = scim("PUT", USERS + "/" + u.get("id").asText(), replaced);

        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        assertThat(r.json().get("displayName").asText()).isEqualTo("Pat After");
        assertThat(r.json().get("externalId").asText()).isEqualTo("put-2");
        assertThat(r.json().has("title")).as("left out of a PUT: removed").isFalse();
        assertThat(r.json().at("/meta/version").asText()).isNotEqualTo(u.at("/meta/version").asText());
    }

    @Test
    void patch_applies_add_replace_and_remove_with_and_without_a_path() {
        JsonNode u = created("patch" + tag() + "@rdm.nhs.uk", "Pam", "Patch", "patch-1");
        String path = USERS + "/" + u.get("id").asText();

        Response r = scim("PATCH", path, patch(
                Map.of("op", "Replace", "path", "title", "value", "Ward Manager"),
                Map.of("op", "add", "value", Map.of("displayName", "Pam Patched", "name", Map.of("familyName", "Patched"))),
                Map.of("op", "remove", "path", "externalId"),
                Map.of("op", "replace", "path", "phoneNumbers[type eq \"work\"].value", "value", "0161 000 0000")));

        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        assertThat(r.json().get("title").asText()).isEqualTo("Ward Manager");
        assertThat(r.json().get("displayName").asText()).isEqualTo("Pam Patched");
        assertThat(r.json().at("/name/familyName").asText()).isEqualTo("Patched");
        assertThat(r.json().has("externalId")).isFalse();
        Response removeTitle = scim("PATCH", path, patch(Map.of("op", "remove", "path", "title")));
        assertThat(removeTitle.json().has("title")).isFalse();
        Response noPath = scim("PATCH", path, patch(Map.of("op", "remove")));
        assertThat(noPath.status()).isEqualTo(400);
        assertThat(noPath.json().get("scimType").asText()).isEqualTo("noTarget");
        Response email = scim("PATCH", path, patch(Map.of("op", "replace", "path", "userName", "value", "someone.else@rdm.nhs.uk")));
        assertThat(email.status()).isEqualTo(400);
        assertThat(email.json().get("scimType").asText()).isEqualTo("mutability");
    }

    @Test
    void entra_s_replace_of_active_false_without_a_path_ends_the_persons_sessions_and_closes_their_stream() {
        Person leaver = fx.person("leaver");
        String id = scim("GET", USERS + filter("userName eq \"" + leaver.email() + "\""), null).json().at("/Resources/0/id").asText();
        try (StreamClient stream = fx.stream(leaver)) {
            Response r = scim("PATCH", USERS + "/" + id, patch(Map.of("op", "replace", "value", Map.of("active", "False"))));

            assertThat(r.status()).as(r.toString()).isEqualTo(200);
            assertThat(r.json().get("active").asBoolean()).isFalse();
            assertThat(stream.awaitClose(Duration.ofSeconds(10))).as("the open stream closes").isEqualTo(4001);
        }
        assertThat(api.get("/api/v1/me", leaver.token()).status()).isEqualTo(401);
        Response put = scim("PUT", USERS + "/" + id, Map.of("schemas", List.of(USER_SCHEMA), "userName", leaver.email(), "displayName", "leaver"));
        assertThat(put.json().get("active").asBoolean()).as("a PUT that leaves active out does not re-enable").isFalse();
        assertThat(db().fetchCount(AUDIT_EVENTS, AUDIT_EVENTS.ACTION.eq("scim.user.deactivated").and(AUDIT_EVENTS.SUBJECT_ID.eq(UUID.fromString(id)))))
                .isEqualTo(1);
    }

    @Test
    void delete_deactivates_and_never_erases_the_person_or_what_they_wrote_and_active_true_enables_them_again() {
        Person leaver = fx.person("writer");
        Person colleague = fx.person("reader");
        String chat = fx.group(leaver, colleague, fx.person("third"));
        assertThat(fx.post(leaver, chat, "handover: bed 4 needs obs at 14:00").status()).isEqualTo(201);
        String id = scim("GET", USERS + filter("userName eq \"" + leaver.email() + "\""), null).json().at("/Resources/0/id").asText();

        assertThat(scim("DELETE", USERS + "/" + id, null).status()).isEqualTo(204);

        assertThat(api.get("/api/v1/me", leaver.token()).status()).isEqualTo(401);
        Response after = scim("GET", USERS + "/" + id, null);
        assertThat(after.status()).isEqualTo(200);
        assertThat(after.json().get("active").asBoolean()).isFalse();
        assertThat(api.get("/api/v1/conversations/" + chat + "/messages", colleague.token()).body()).contains("bed 4 needs obs");
        Response back = scim("PATCH", USERS + "/" + id, patch(Map.of("op", "replace", "path", "active", "value", true)));
        assertThat(back.json().get("active").asBoolean()).as("a rehire is enabled again").isTrue();
        assertThat(api.get("/api/v1/me", api.login(leaver.email(), ChatFixtures.PASSWORD)).status()).isEqualTo(200);
    }

    @Test
    void an_unknown_id_is_404_and_a_stale_version_is_412_in_the_error_schema() {
        Response unknown = scim("GET", USERS + "/" + UUID.randomUUID(), null);
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.json().get("status").asText()).isEqualTo("404");
        assertThat(scim("GET", USERS + "/not-a-uuid", null).status()).isEqualTo(404);
        assertThat(scim("GET", GROUPS + "/" + UUID.randomUUID(), null).status()).isEqualTo(404);

        JsonNode u = created("etag" + tag() + "@rdm.nhs.uk", "Eve", "Tag", "etag-1");
        Response stale = ScimWire.send(api, "PATCH", USERS + "/" + u.get("id").asText(),
                patch(Map.of("op", "replace", "path", "title", "value", "Matron")), token, Map.of("If-Match", "W/\"stale\""));
        assertThat(stale.status()).isEqualTo(412);
    }

    // ---- groups ----

    @Test
    void a_group_is_a_team_whose_members_follow_patch_add_and_remove_into_its_channels() {
        Person ada = fx.person("ada");
        Person ben = fx.person("ben");
        String adaId = ada.id();
        String benId = ben.id();
        String name = "Ward 7 " + tag();

        Response made = scim("POST", GROUPS, Map.of("schemas", List.of("urn:ietf:params:scim:schemas:core:2.0:Group"), "displayName", name,
                "externalId", "grp-1", "members", List.of(Map.of("value", adaId))));
        assertThat(made.status()).as(made.toString()).isEqualTo(201);
        String teamId = made.json().get("id").asText();
        assertThat(made.json().at("/members/0/value").asText()).isEqualTo(adaId);
        assertThat(made.json().get("members")).hasSize(1);
        assertThat(api.get("/api/v1/teams", ada.token()).body()).contains(teamId);
        assertThat(ScimWire.inTeamChannels(db(), teamId, adaId)).as("the team's channel follows").isTrue();

        Response add = scim("PATCH", GROUPS + "/" + teamId, patch(Map.of("op", "add", "path", "members", "value", List.of(Map.of("value", benId)))));
        assertThat(add.status()).as(add.toString()).isEqualTo(200);
        assertThat(add.json().get("members")).hasSize(2);
        assertThat(ScimWire.inTeamChannels(db(), teamId, benId)).isTrue();

        Response remove = scim("PATCH", GROUPS + "/" + teamId,
                patch(Map.of("op", "remove", "path", "members[value eq \"" + adaId + "\"]")));
        assertThat(remove.status()).as(remove.toString()).isEqualTo(200);
        assertThat(remove.json().get("members")).hasSize(1);
        assertThat(ScimWire.inTeamChannels(db(), teamId, adaId)).isFalse();
        assertThat(api.get("/api/v1/teams", ada.token()).body()).doesNotContain(teamId);

        Response found = scim("GET", GROUPS + filter("displayName eq \"" + name + "\""), null);
        assertThat(found.json().get("totalResults").asInt()).isEqualTo(1);
        Response byMember = scim("GET", GROUPS + filter("id eq \"" + teamId + "\" and members[value eq \"" + benId + "\"]")
                + "&excludedAttributes=members", null);
        assertThat(byMember.json().get("totalResults").asInt()).isEqualTo(1);
        assertThat(byMember.json().at("/Resources/0").has("members")).isFalse();
    }

    @Test
    void put_replaces_a_groups_members_and_delete_archives_its_team() {
        Person ada = fx.person("ada");
        Person ben = fx.person("ben");
        String name = "Theatres " + tag();
        String teamId = scim("POST", GROUPS, Map.of("displayName", name, "members", List.of(Map.of("value", ada.id())))).json().get("id").asText();

        Response put = scim("PUT", GROUPS + "/" + teamId, Map.of("displayName", name, "members", List.of(Map.of("value", ben.id()))));
        assertThat(put.status()).as(put.toString()).isEqualTo(200);
        assertThat(put.json().get("members")).hasSize(1);
        assertThat(put.json().at("/members/0/value").asText()).isEqualTo(ben.id());
        Response rename = scim("PATCH", GROUPS + "/" + teamId, patch(Map.of("op", "replace", "path", "displayName", "value", "Renamed")));
        assertThat(rename.status()).isEqualTo(400);
        assertThat(rename.json().get("scimType").asText()).isEqualTo("mutability");
        assertThat(scim("POST", GROUPS, Map.of("displayName", name)).status()).as("the same name again").isEqualTo(409);

        assertThat(scim("DELETE", GROUPS + "/" + teamId, null).status()).isEqualTo(204);

        assertThat(scim("GET", GROUPS + "/" + teamId, null).status()).isEqualTo(404);
        assertThat(db().select(TEAMS.ARCHIVED_AT).from(TEAMS).where(TEAMS.ID.eq(UUID.fromString(teamId))).fetchOne(TEAMS.ARCHIVED_AT)).isNotNull();
        assertThat(db().fetchCount(AUDIT_EVENTS, AUDIT_EVENTS.ACTION.eq("scim.group.deleted"))).isGreaterThanOrEqualTo(1);
    }

    @Test
    void a_member_from_another_organisation_or_no_person_at_all_is_400_invalidValue() {
        Person foreign = fx.personIn("foreigner", "RDP");
        for (String value : List.of(foreign.id(), UUID.randomUUID().toString(), "not-an-id")) {
            Response r = scim("POST", GROUPS, Map.of("displayName", "Mixed " + tag(), "members", List.of(Map.of("value", value))));
            assertThat(r.status()).as(value).isEqualTo(400);
            assertThat(r.json().get("scimType").asText()).isEqualTo("invalidValue");
        }
        assertThat(db().fetchCount(TEAM_MEMBERS, TEAM_MEMBERS.USER_ID.eq(UUID.fromString(foreign.id())))).isZero();
    }

    @Test
    void the_service_provider_describes_itself() {
        Response config = scim("GET", "/scim/v2/ServiceProviderConfig", null);
        assertThat(config.status()).isEqualTo(200);
        assertThat(config.json().at("/patch/supported").asBoolean()).isTrue();
        assertThat(config.json().at("/filter/maxResults").asInt()).isEqualTo(200);
        assertThat(scim("GET", "/scim/v2/ResourceTypes", null).json().get("totalResults").asInt()).isEqualTo(2);
        JsonNode schemas = scim("GET", "/scim/v2/Schemas", null).json();
        assertThat(schemas.at("/Resources/0/id").asText()).isEqualTo(USER_SCHEMA);
        assertThat(schemas.toString()).contains("\"title\"", "\"externalId\"", "\"members\"");
    }
}
