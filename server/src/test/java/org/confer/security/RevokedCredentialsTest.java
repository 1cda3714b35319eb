package org.confer.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.confer.testing.Api;
import org.confer.testing.ChatFixtures;
import org.confer.testing.ChatFixtures.Person;
import org.confer.testing.ServerTest;
import org.confer.testing.StreamClient;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A credential that has ended opens nothing, at once, wherever it is presented: after signing
 * out, after the session is ended from another device, after "sign out everywhere", after a
 * password change (which ends the other sessions) and after an admin disables the account, the
 * old token gets 401 from every kind of request — a read, a write, as bearer or as cookie, a new
 * stream — and the stream that was open on it closes with 4001. Sessions the ending does not
 * concern carry on.
 */
class RevokedCredentialsTest extends ServerTest {

    /** The ways a phone's session ends; the laptop is the same person's other device. */
    enum Ending {
        SIGNED_OUT(false),
        ENDED_FROM_ANOTHER_DEVICE(false),
        SIGNED_OUT_EVERYWHERE(true),
        PASSWORD_CHANGED_ON_ANOTHER_DEVICE(false),
        ACCOUNT_DISABLED_BY_AN_ADMIN(true);

        /** Whether the laptop's session ends too. */
        final boolean endsEverySession;

        Ending(boolean endsEverySession) {
            this.endsEverySession = endsEverySession;
        }
    }

    @ParameterizedTest
    @EnumSource(Ending.class)
    void an_ended_session_s_token_opens_nothing_and_its_open_stream_closes_with_4001(Ending ending) {
        ChatFixtures fx = new ChatFixtures(server);
        Person laptop = fx.person("nurse");
        Person colleague = fx.person("colleague");
        String phone = api.login(laptop.email(), ChatFixtures.PASSWORD);
        String conversation = fx.group(laptop, colleague, fx.person("third"));
        Person onPhone = new Person(laptop.id(), laptop.email(), phone);

        try (StreamClient phoneStream = fx.stream(onPhone); StreamClient laptopStream = fx.stream(laptop)) {
            end(ending, laptop, phone);

            assertThat(phoneStream.awaitClose(Duration.ofSeconds(10))).as("the phone's open stream").isEqualTo(4001);
            Api.Response read = api.get("/api/v1/me", phone);
            Api.Response write = fx.post(onPhone, conversation, "sent on an ended session " + UUID.randomUUID());
            Api.Response cookie = api.send("GET", "/api/v1/conversations", null, Map.of("Cookie", "confer_session=" + phone));
            for (Api.Response r : new Api.Response[] {read, write, cookie}) {
                assertThat(r.status()).as(ending + ": " + r).isEqualTo(401);
                assertThat(r.problemType()).isEqualTo("unauthenticated");
            }
            assertThat(api.get("/api/v1/conversations/" + conversation + "/messages", colleague.token()).body())
                    .as("nothing was written").doesNotContain("sent on an ended session");
            assertThat(StreamClient.upgradeStatus(api.base(), Map.of("Authorization", "Bearer " + phone)))
                    .as("a new stream on the old token").isEqualTo(401);

            if (ending.endsEverySession) {
                assertThat(laptopStream.awaitClose(Duration.ofSeconds(10))).as("the laptop's stream").isEqualTo(4001);
                assertThat(api.get("/api/v1/me", laptop.token()).status()).isEqualTo(401);
            } else {
                assertThat(api.get("/api/v1/me", laptop.token()).status()).as("the laptop carries on").isEqualTo(200);
                laptopStream.send(Map.of("type", "ping"));
                assertThat(laptopStream.awaitType("pong")).isNotNull();
            }
        }
        assertThat(api.get("/api/v1/me", colleague.token()).status()).as("nobody else is affected").isEqualTo(200);
    }

    private void end(Ending ending, Person laptop, String phone) {
        Api.Response r = switch (ending) {
            case SIGNED_OUT -> api.post("/api/v1/auth/logout", Map.of(), phone);
            case ENDED_FROM_ANOTHER_DEVICE -> api.delete("/api/v1/me/sessions/" + currentSessionId(phone), laptop.token());
            case SIGNED_OUT_EVERYWHERE -> api.delete("/api/v1/me/sessions", laptop.token());
            case PASSWORD_CHANGED_ON_ANOTHER_DEVICE -> api.post("/api/v1/me/password", Map.of(
                    "currentPassword", ChatFixtures.PASSWORD, "newPassword", "a new long passphrase " + UUID.randomUUID()), laptop.token());
            case ACCOUNT_DISABLED_BY_AN_ADMIN -> api.patch("/api/v1/admin/users/" + laptop.id(), Map.of("status", "disabled"),
                    server.login("admin"));
        };
        assertThat(r.status()).as(ending + ": " + r).isIn(200, 204);
    }

    private String currentSessionId(String token) {
        for (JsonNode s : api.get("/api/v1/me/sessions", token).json().get("items")) {
            if (s.get("current").asBoolean()) {
                return s.get("id").asText();
            }
        }
        throw new AssertionError("no current session");
    }
}
