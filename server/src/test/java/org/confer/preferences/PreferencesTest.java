package org.confer.preferences;

import static org.assertj.core.api.Assertions.assertThat;
import static org.confer.testing.VerifyAction.expect;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.confer.events.UserEvent.PreferencesChanged;
import org.confer.testing.Api;
import org.confer.testing.ChatFixtures;
import org.confer.testing.ChatFixtures.Person;
import org.confer.testing.ClientState;
import org.confer.testing.Covers;
import org.confer.testing.ServerTest;
import org.confer.testing.VerifyAction;
import org.junit.jupiter.api.Test;

/**
 * A person's own settings of the web client: defaults until changed, changed field by field,
 * refused when invalid (nothing stored), their own only, and on every device at once.
 */
public class PreferencesTest extends ServerTest {
    private static final String PATH = "/api/v1/me/preferences";
    private ChatFixtures fx;

    @Override
    protected void afterStart() {
        fx = new ChatFixtures(server);
    }

    @Test
    void a_person_who_never_changed_anything_gets_the_defaults() {
        Person p = fx.person("defaults");
        Api.Response r = api.get(PATH, p.token());
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().toString()).isEqualTo("{\"desktopNotifications\":true,\"messageSound\":true,\"urgentSound\":true,"
                + "\"mutedConversations\":[],\"theme\":\"system\",\"timeFormat\":\"24h\"}");
    }

    @Test
    void a_change_sets_the_fields_given_and_keeps_the_others() {
        Person p = fx.person("change");
        UUID muted = UUID.fromString(fx.direct(p, fx.person("muted-with")));
        ok(api.patch(PATH, Map.of("theme", "dark", "mutedConversations", List.of(muted.toString())), p.token()));
        Api.Response r = api.patch(PATH, Map.of("messageSound", false), p.token());
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().get("theme").asText()).isEqualTo("dark");
        assertThat(r.json().get("messageSound").asBoolean()).isFalse();
        assertThat(r.json().get("urgentSound").asBoolean()).as("untouched").isTrue();
        assertThat(api.get(PATH, p.token()).json().get("mutedConversations").get(0).asText()).isEqualTo(muted.toString());
    }

    @Test
    void invalid_settings_are_refused_by_field_and_nothing_is_stored() {
        Person p = fx.person("invalid");
        ok(api.patch(PATH, Map.of("theme", "contrast"), p.token()));
        assertThat(api.patch(PATH, Map.of("theme", "neon", "messageSound", false), p.token()).problemType()).isEqualTo("validation");
        assertThat(api.patch(PATH, Map.of("timeFormat", "36h"), p.token()).problemType()).isEqualTo("validation");
        assertThat(api.patch(PATH, Map.of("mutedConversations", List.of("not-a-uuid")), p.token()).status()).isEqualTo(400);
        List<String> tooMany = java.util.stream.IntStream.range(0, 501).mapToObj(i -> UUID.randomUUID().toString()).toList();
        Api.Response refused = api.patch(PATH, Map.of("mutedConversations", tooMany), p.token());
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.body()).contains("mutedConversations");
        assertThat(api.patch(PATH, Map.of("colour", "red"), p.token()).status()).as("unknown field").isEqualTo(400);
        Api.Response now = api.get(PATH, p.token());
        assertThat(now.json().get("theme").asText()).isEqualTo("contrast");
        assertThat(now.json().get("messageSound").asBoolean()).as("the refused change left nothing behind").isTrue();
    }

    @Test
    void settings_are_each_persons_own_and_need_a_session() {
        Person a = fx.person("own-a");
        Person b = fx.person("own-b");
        ok(api.patch(PATH, Map.of("theme", "dark"), a.token()));
        assertThat(api.get(PATH, b.token()).json().get("theme").asText()).isEqualTo("system");
        assertThat(api.get(PATH, null).status()).isEqualTo(401);
        assertThat(api.patch(PATH, Map.of("theme", "dark"), null).status()).isEqualTo(401);
    }

    @Test
    void changes_are_budgeted_per_person() {
        Person p = fx.person("budget");
        int accepted = 0;
        Api.Response last = null;
        for (int i = 0; i < PreferencesService.CHANGES_PER_MINUTE + 1; i++) {
            last = api.patch(PATH, Map.of("messageSound", i % 2 == 0), p.token());
            if (last.status() == 200) {
                accepted++;
            }
        }
        assertThat(accepted).isEqualTo(PreferencesService.CHANGES_PER_MINUTE);
        assertThat(last.status()).isEqualTo(429);
        assertThat(last.header("Retry-After")).isNotNull();
    }

    @Test
    @Covers(PreferencesChanged.class)
    void a_change_on_one_device_reaches_the_persons_other_devices_at_once() throws NoSuchMethodException {
        Person p = fx.person("devices");
        VerifyAction verifier = new VerifyAction(api);
        ClientState seen = verifier.verify(p, expect(PreferencesChanged.class),
                () -> ok(api.patch(PATH, Map.of("theme", "contrast", "urgentSound", false), p.token())));
        assertThat(seen.view().preferences()).containsEntry("theme", "contrast").containsEntry("urgentSound", false);
        verifier.assertCovered(getClass().getDeclaredMethod("a_change_on_one_device_reaches_the_persons_other_devices_at_once"));
    }

    private static void ok(Api.Response r) {
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
    }
}
