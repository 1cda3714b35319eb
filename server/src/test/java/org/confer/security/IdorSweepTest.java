package org.confer.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.confer.security.IdorProbes.BY_ROUTE;

import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Collectors;
import org.assertj.core.api.SoftAssertions;
import org.confer.security.IdorProbes.Probe;
import org.confer.testing.Api;
import org.confer.testing.ChatFixtures.Person;
import org.confer.testing.ServerTest;
import org.junit.jupiter.api.Test;

/**
 * The IDOR sweep (insecure direct object references): every route of the server whose path
 * takes an id is called with the id of something that belongs to someone else, by people who
 * have no business with it — a colleague in the same organisation, a member of another
 * organisation, and (for the user administration routes) the organisation admin of another
 * trust. Each answers 404 not-found, says nothing of the thing, and changes nothing.
 *
 * <p>The sweep is driven by the server's own route table: a new route with an id in its path
 * fails {@link #every_route_that_takes_an_id_is_in_the_sweep} until it has a probe in
 * {@link IdorProbes}; what the probes aim at (the victim's things) and who attacks them is set
 * up by {@link IdorVictims}. ChatAuthorisationTest goes deeper into chat (owners and members,
 * removed members); this is the one place that covers every feature.
 */
class IdorSweepTest extends ServerTest {
    private static final String UUID_PATTERN = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";

    private IdorVictims world;

    @Override
    protected void afterStart() {
        world = IdorVictims.make(server, api);
    }

    @Test
    void every_route_that_takes_an_id_is_in_the_sweep() {
        Set<String> idRoutes = server.app().routes().stream().filter(r -> r.path().contains("{"))
                .map(r -> r.method().name() + " " + r.path()).collect(Collectors.toCollection(TreeSet::new));
        assertThat(idRoutes).as("routes with an id in the path").hasSizeGreaterThanOrEqualTo(26);
        assertThat(new TreeSet<>(BY_ROUTE.keySet())).as("add a probe for each new route that takes an id").isEqualTo(idRoutes);
    }

    @Test
    void someone_elses_id_is_not_found_on_every_route_that_takes_one_and_nothing_changes() {
        Map<String, String> before = world.snapshot();
        SoftAssertions soft = new SoftAssertions();
        int calls = 0;
        for (Map.Entry<String, Probe> e : BY_ROUTE.entrySet()) {
            String method = e.getKey().substring(0, e.getKey().indexOf(' '));
            String route = e.getKey().substring(method.length() + 1);
            Probe probe = e.getValue();
            for (Person attacker : world.attackersOf(probe.target())) {
                for (String path : world.concretePaths(route, probe.target())) {
                    Api.Response r = send(method, path, probe.body(), attacker);
                    calls++;
                    String what = attacker.email() + " " + method + " " + path;
                    soft.assertThat(r.status()).as(what + ": " + r).isEqualTo(404);
                    soft.assertThat(r.problemType()).as(what).isEqualTo("not-found");
                    // The problem's instance echoes the attacker's own path; only the rest can leak.
                    String told = r.body().replace(path, "");
                    for (String secret : world.secrets) {
                        soft.assertThat(told).as(what + " tells a secret").doesNotContain(secret);
                    }
                    soft.assertThat(told).as(what + " names a member").doesNotContain(world.colleague.id());
                }
            }
        }
        soft.assertAll();
        assertThat(calls).as("calls made").isGreaterThan(BY_ROUTE.size() * 2);
        assertThat(world.snapshot()).as("nothing changed").isEqualTo(before);
        assertThat(api.get("/api/v1/me", world.victim.token()).status()).as("the victim is still signed in").isEqualTo(200);
    }

    @Test
    void an_id_of_nothing_at_all_is_answered_exactly_like_someone_elses() {
        // Otherwise the difference would tell an attacker which ids exist.
        String conversation = world.conversations.getFirst();
        String unknown = UUID.randomUUID().toString();
        Map<String, String> someoneElsesToNothing = Map.of(
                "/api/v1/conversations/" + conversation, "/api/v1/conversations/" + unknown,
                "/api/v1/conversations/" + conversation + "/messages/" + world.messageIn.get(conversation) + "/thread",
                "/api/v1/conversations/" + conversation + "/messages/" + unknown + "/thread",
                "/api/v1/teams/" + world.teamId + "/members", "/api/v1/teams/" + unknown + "/members",
                "/api/v1/admin/users/" + world.foreignUser.id(), "/api/v1/admin/users/" + unknown,
                "/api/v1/meetings/" + world.meetingId, "/api/v1/meetings/" + unknown);
        someoneElsesToNothing.forEach((someoneElses, nothing) -> {
            String token = someoneElses.contains("/admin/") ? world.otherTrustsAdmin.token() : world.strangerOtherOrganisation.token();
            Api.Response a = api.get(someoneElses, token);
            Api.Response b = api.get(nothing, token);
            assertThat(a.status()).as(someoneElses + ": " + a).isEqualTo(404);
            assertThat(b.status()).as(nothing + ": " + b).isEqualTo(404);
            assertThat(a.json().get("type")).isEqualTo(b.json().get("type"));
            assertThat(a.json().get("title")).isEqualTo(b.json().get("title"));
            assertThat(a.json().get("detail").asText().replaceAll(UUID_PATTERN, "ID"))
                    .as("the detail differs at most in the id it names")
                    .isEqualTo(b.json().get("detail").asText().replaceAll(UUID_PATTERN, "ID"));
        });
    }

    // ---- helpers ----

    private Api.Response send(String method, String path, Object body, Person attacker) {
        Object concrete = body instanceof Map<?, ?> m ? IdorProbes.withSelf(m, attacker.id()) : body;
        return switch (method) {
            case "GET" -> api.get(path + (path.endsWith("/events") ? "?after=0" : ""), attacker.token());
            case "POST" -> api.post(path, concrete, attacker.token());
            case "PATCH" -> api.patch(path, concrete, attacker.token());
            case "DELETE" -> api.delete(path, attacker.token());
            case "PUT" -> {
                Map<String, String> headers = Api.auth(attacker.token());
                headers.put("Content-Type", "application/json");
                yield api.send("PUT", path, Api.json(concrete), headers);
            }
            default -> throw new IllegalArgumentException("no probe for method " + method);
        };
    }
}
