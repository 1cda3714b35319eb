package org.confer.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.confer.testing.Api.Response;
import org.confer.testing.ChatFixtures;
import org.confer.testing.ChatFixtures.Person;
import org.confer.testing.ServerTest;
import org.confer.testing.StreamClient;
import org.junit.jupiter.api.Test;

/**
 * Finding 8 (LOW): request bodies are parsed strictly. A repeated key is refused (with "last
 * wins", a proxy or audit tool reading the first "text" would see another message than the one
 * stored), and a fraction is not a whole number. Both are 400 and store nothing; stream frames
 * follow the same rules.
 */
class StrictJsonTest extends ServerTest {

    @Test
    void a_body_with_a_repeated_key_is_refused_and_nothing_is_posted() {
        ChatFixtures people = new ChatFixtures(server);
        Person a = people.person("a");
        Person b = people.person("b");
        String chat = people.direct(a, b);
        long before = people.lastSeq(a, chat);

        Response r = api.post("/api/v1/conversations/" + chat + "/messages",
                "{\"text\":\"Give 10 mg\",\"clientMsgId\":\"dup-1\",\"text\":\"Give 100 mg\"}", a.token());

        assertThat(r.status()).isEqualTo(400);
        assertThat(r.problemType()).isEqualTo("malformed-json");
        assertThat(r.json().get("field").asText()).isEqualTo("text");
        assertThat(people.lastSeq(a, chat)).isEqualTo(before);
    }

    @Test
    void a_fraction_where_a_whole_number_is_expected_is_refused() {
        ChatFixtures people = new ChatFixtures(server);
        Person a = people.person("c");
        Person b = people.person("d");
        String chat = people.direct(a, b);
        people.post(b, chat, "hello");

        for (String seq : new String[] {"1.5", "1.0", "\"1\"", "true"}) {
            Response r = api.post("/api/v1/conversations/" + chat + "/read", "{\"seq\":" + seq + "}", a.token());
            assertThat(r.status()).as(seq + ": " + r).isEqualTo(400);
            assertThat(r.json().get("field").asText()).isEqualTo("seq");
        }
        assertThat(api.post("/api/v1/conversations/" + chat + "/read", "{\"seq\":1}", a.token()).status()).isEqualTo(200);
    }

    @Test
    void a_repeated_key_in_a_login_is_refused_before_any_password_is_checked() {
        Response r = api.post("/api/v1/auth/login",
                "{\"email\":\"alice@demo.confer.test\",\"password\":\"x\",\"email\":\"bob@demo.confer.test\"}", null);

        assertThat(r.status()).isEqualTo(400);
        assertThat(r.json().get("field").asText()).isEqualTo("email");
    }

    @Test
    void stream_frames_with_repeated_keys_or_fractional_cursors_are_refused_and_the_stream_stays_open() {
        Person a = new ChatFixtures(server).person("e");
        try (StreamClient stream = StreamClient.connect(api.base(), a.token(), true)) {
            stream.sendRaw("{\"type\":\"ping\",\"type\":\"hello\"}");
            assertThat(stream.awaitType("error").get("code").asText()).isEqualTo("malformed-json");
            stream.sendRaw("{\"type\":\"hello\",\"cursors\":{\"" + java.util.UUID.randomUUID() + "\":1.5}}");
            assertThat(stream.awaitType("error").get("code").asText()).isEqualTo("invalid-hello");
            stream.sendRaw("{\"type\":\"hello\",\"cursors\":{},\"userSeq\":2.5}");
            assertThat(stream.awaitType("error").get("code").asText()).isEqualTo("invalid-hello");

            stream.hello(Map.of(), null);
            assertThat(stream.awaitType("ready")).isNotNull();
        }
    }
}
