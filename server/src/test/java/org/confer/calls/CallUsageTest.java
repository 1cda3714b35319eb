package org.confer.calls;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.confer.testing.Api;
import org.confer.testing.ChatFixtures;
import org.confer.testing.ChatFixtures.Person;
import org.confer.testing.ServerTest;
import org.junit.jupiter.api.Test;

/**
 * The usage figures of calls for administrators: calls held, people and participant-minutes per
 * day per organisation; a platform admin sees every organisation, an organisation's admin their own.
 */
class CallUsageTest extends ServerTest {
    private ChatFixtures fx;
    private CallTestSupport calls;

    @Override
    protected void afterStart() {
        fx = new ChatFixtures(server);
        calls = new CallTestSupport(api);
    }

    /** Totals of one organisation over the range: calls, participants, minutes (summed over days). */
    private record Totals(int calls, int participants, long minutes) {}

    @Test
    void admins_see_calls_people_and_minutes_per_organisation_and_organisation_admins_only_their_own() {
        Person a1 = fx.person("a1");
        Person a2 = fx.person("a2");
        Person visitor = fx.personIn("visitor", "YDX");
        String visitorsOrganisation = organisationOf(visitor);
        String homeOrganisation = organisationOf(a1);
        String group = fx.group(a1, a2, visitor);
        String callId = calls.started(a1, group);
        // Streams open, as in a real call: a peer without one for a minute would be dropped when the clock moves.
        try (var s1 = fx.stream(a1); var s2 = fx.stream(a2); var sv = fx.stream(visitor)) {
            String p1 = calls.joined(a1, callId);
            String p2 = calls.joined(a2, callId);
            String pv = calls.joined(visitor, callId);
            server.clock.advance(Duration.ofMinutes(10));
            assertThat(calls.leave(visitor, callId, pv).status()).isEqualTo(204);
            server.clock.advance(Duration.ofMinutes(2));
            assertThat(calls.leave(a1, callId, p1).status()).isEqualTo(204);
            server.clock.advance(Duration.ofMinutes(3));
            assertThat(calls.leave(a2, callId, p2).status()).isEqualTo(204);
        }

        // A range of three days around the test clock, so a call across midnight is still counted whole.
        LocalDate today = server.clock.instant().atOffset(ZoneOffset.UTC).toLocalDate();
        String range = "?from=" + today.minusDays(1) + "&to=" + today.plusDays(1);
        Api.Response all = api.get("/api/v1/admin/usage/meetings" + range, server.login("admin"));
        assertThat(all.status()).as(all.toString()).isEqualTo(200);
        Map<String, Totals> byOrganisation = totals(all.json());
        assertThat(byOrganisation.get(homeOrganisation)).isEqualTo(new Totals(1, 2, 27));
        assertThat(byOrganisation.get(visitorsOrganisation)).isEqualTo(new Totals(1, 1, 10));

        Person visitorsAdmin = orgAdminOf(visitorsOrganisation);
        Api.Response own = api.get("/api/v1/admin/usage/meetings" + range, visitorsAdmin.token());
        assertThat(own.status()).as(own.toString()).isEqualTo(200);
        assertThat(totals(own.json())).containsOnlyKeys(visitorsOrganisation);
        assertThat(totals(own.json()).get(visitorsOrganisation)).isEqualTo(new Totals(1, 1, 10));

        Api.Response member = api.get("/api/v1/admin/usage/meetings" + range, a1.token());
        assertThat(member.status()).isEqualTo(403);
        Api.Response bad = api.get("/api/v1/admin/usage/meetings?from=yesterday", server.login("admin"));
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.json().get("field").asText()).isEqualTo("from");
    }

    private static Map<String, Totals> totals(JsonNode usage) {
        Map<String, Totals> out = new HashMap<>();
        Map<String, java.util.Set<String>> days = new HashMap<>();
        for (JsonNode d : usage.get("items")) {
            String org = d.get("organisationId").asText();
            days.computeIfAbsent(org, k -> new java.util.HashSet<>()).add(d.get("day").asText());
            // One call, one day or two: across days the same call and people are counted each day; take the largest.
            Totals t = out.getOrDefault(org, new Totals(0, 0, 0));
            out.put(org, new Totals(Math.max(t.calls(), d.get("calls").asInt()), Math.max(t.participants(), d.get("participants").asInt()),
                    t.minutes() + d.get("participantMinutes").asLong()));
        }
        return out;
    }

    private String organisationOf(Person p) {
        return api.get("/api/v1/me", p.token()).json().at("/organisation/id").asText();
    }

    private Person orgAdminOf(String organisationId) {
        String email = "org-admin-" + UUID.randomUUID().toString().substring(0, 8) + "@test.confer.test";
        Api.Response r = api.post("/api/v1/admin/users", Map.of("organisationId", organisationId, "email", email,
                "displayName", "Org Admin", "role", "org_admin", "password", ChatFixtures.PASSWORD), server.login("admin"));
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        return new Person(r.json().get("id").asText(), email, api.login(email, ChatFixtures.PASSWORD));
    }
}
