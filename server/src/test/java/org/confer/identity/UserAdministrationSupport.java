package org.confer.identity;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.confer.testing.Api.Response;
import org.confer.testing.ServerTest;
import org.junit.jupiter.api.BeforeEach;

/**
 * What UserAdministrationTest and UserValidationAndDisablingTest share: the demo's platform admin
 * (admin) and RDM's org admin (priya) signed in, the demo organisations' ids, and calls that build
 * a new user's body and list or search users across every page.
 */
abstract class UserAdministrationSupport extends ServerTest {

    static final String USERS = "/api/v1/admin/users";
    static final String PASSWORD = "correct horse battery staple";

    String admin;
    String priya;
    UUID rdm;
    UUID rdp;
    UUID ydx;

    @BeforeEach
    void signInAdmins() {
        admin = server.login("admin");
        priya = server.login("priya");
        Response orgs = api.get("/api/v1/admin/organisations?limit=200", admin);
        Map<String, UUID> byCode = new LinkedHashMap<>();
        orgs.json().get("items").forEach(o -> byCode.put(o.get("code").asText(), UUID.fromString(o.get("id").asText())));
        rdm = byCode.get("RDM");
        rdp = byCode.get("RDP");
        ydx = byCode.get("YDX");
    }

    Map<String, Object> newUser(String email, String displayName, UUID organisationId, String role) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("email", email);
        if (displayName != null) {
            body.put("displayName", displayName);
        }
        if (organisationId != null) {
            body.put("organisationId", organisationId.toString());
        }
        if (role != null) {
            body.put("role", role);
        }
        body.put("password", PASSWORD);
        return body;
    }

    static JsonNode created(Response r) {
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        return r.json();
    }

    List<JsonNode> search(String token, String q) {
        return listAll(token, "q=" + URLEncoder.encode(q, StandardCharsets.UTF_8));
    }

    /** Every page of the user list with these query parameters, following nextCursor. */
    List<JsonNode> listAll(String token, String query) {
        List<JsonNode> all = new ArrayList<>();
        String cursor = null;
        do {
            String q = query + (cursor == null ? "" : "&cursor=" + cursor) + "&limit=3";
            Response r = api.get(USERS + "?" + q, token);
            assertThat(r.status()).as(q + ": " + r).isEqualTo(200);
            r.json().get("items").forEach(all::add);
            JsonNode next = r.json().get("nextCursor");
            cursor = next == null || next.isNull() ? null : next.asText();
            assertThat(all.size()).isLessThan(1000);
        } while (cursor != null);
        return all;
    }

    static String uniqueEmail(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8) + "@test.confer.nhs.uk";
    }
}
