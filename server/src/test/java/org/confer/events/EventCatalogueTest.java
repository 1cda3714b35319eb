package org.confer.events;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.confer.http.Json;
import org.junit.jupiter.api.Test;

/**
 * The catalogue of event kinds and frame types, shared with the web client. The server writes one
 * example of every record into web/src/protocol/events.generated.ts, typed as the client's unions
 * (web/src/protocol/events.ts); the web build type-checks it, and events.check.ts fails the build
 * when a kind is on one side only. So a kind added here without the client, or there without the
 * server, fails a build. This test fails when the committed file is not what the records give:
 * regenerate it with {@code ./mvnw -q -pl server test -Dtest=EventCatalogueTest -Dconfer.events.write=true}.
 */
class EventCatalogueTest {
    private static final Path GENERATED = Path.of("../web/src/protocol/events.generated.ts");
    private final ObjectMapper mapper = Json.newMapper();
    private final FrameWriter frames = new FrameWriter(mapper);

    @Test
    void the_web_clients_generated_catalogue_is_what_the_java_records_give() throws IOException {
        String expected = catalogue();
        if (Boolean.getBoolean("confer.events.write")) {
            Files.writeString(GENERATED, expected);
        }
        assertThat(Files.readString(GENERATED))
                .as("%s is stale: run ./mvnw -q -pl server test -Dtest=EventCatalogueTest -Dconfer.events.write=true, then make "
                        + "web/src/protocol/events.ts and dispatch.ts match (docs/contributing.md)", GENERATED)
                .isEqualTo(expected);
    }

    @Test
    void every_event_kind_is_named_once_and_every_payload_starts_with_its_kind() throws IOException {
        for (Class<?> sealed : List.of(ConversationEvent.class, UserEvent.class)) {
            List<String> kinds = EventExamples.kindsOf(sealed).stream().map(EventKinds::of).toList();
            assertThat(kinds).as("kinds of %s", sealed.getSimpleName()).doesNotHaveDuplicates();
            for (Object example : examples(sealed)) {
                String json = mapper.writeValueAsString(example);
                assertThat(json).as("stored payload of %s", example.getClass().getSimpleName())
                        .startsWith("{\"kind\":\"" + EventKinds.of(example) + "\"");
            }
        }
    }

    @Test
    void every_event_reads_back_as_the_record_it_was_written_from() throws IOException {
        ObjectMapper reader = Json.newMapper();
        reader.registerSubtypes(ConversationEvent.class.getPermittedSubclasses());
        reader.registerSubtypes(UserEvent.class.getPermittedSubclasses());
        for (Object example : examples(ConversationEvent.class)) {
            assertThat(reader.readValue(mapper.writeValueAsString(example), ConversationEvent.class)).isEqualTo(example);
        }
        for (Object example : examples(UserEvent.class)) {
            assertThat(reader.readValue(mapper.writeValueAsString(example), UserEvent.class)).isEqualTo(example);
        }
    }

    @Test
    void frames_written_by_concatenation_are_exactly_what_jackson_writes_for_the_same_record() throws IOException {
        for (Object example : frameExamples()) {
            ServerFrame frame = (ServerFrame) example;
            JsonNode concatenated = mapper.readTree(frames.write(frame));
            JsonNode jackson = mapper.readTree(mapper.writeValueAsString(frame));
            assertThat(concatenated).as("%s", frame.getClass().getSimpleName()).isEqualTo(jackson);
            assertThat(concatenated.get("type").asText()).isEqualTo(EventKinds.of(frame));
        }
    }

    @Test
    void text_a_client_sent_is_escaped_in_an_error_frame() throws IOException {
        String echoed = "unknown frame type \"quoted\" \\ new\nline \u0001";
        JsonNode frame = mapper.readTree(frames.write(new ServerFrame.Error("unknown-type", echoed)));
        assertThat(frame.get("message").asText()).isEqualTo(echoed);
        assertThat(frame.has("conversationId")).as("absent, not null, when about no conversation").isFalse();
        UUID conversation = UUID.randomUUID();
        assertThat(mapper.readTree(frames.write(new ServerFrame.Error("not-a-member", "no", conversation))).get("conversationId").asText())
                .isEqualTo(conversation.toString());
    }

    private List<Object> examples(Class<?> sealed) {
        EventExamples ex = new EventExamples(Map.of());
        return EventExamples.kindsOf(sealed).stream().map(ex::example).toList();
    }

    private List<Object> frameExamples() throws IOException {
        Map<Class<?>, String> raw = Map.of(
                ServerFrame.Event.class, mapper.writeValueAsString(examples(ConversationEvent.class).getFirst()),
                ServerFrame.UserEventFrame.class, mapper.writeValueAsString(examples(UserEvent.class).getFirst()),
                ServerFrame.CallSignal.class, "{\"sdp\":{\"type\":\"offer\",\"sdp\":\"v=0\"}}");
        EventExamples ex = new EventExamples(raw);
        return EventExamples.kindsOf(ServerFrame.class).stream().map(ex::example).toList();
    }

    private String catalogue() throws IOException {
        Map<String, List<Object>> lists = new LinkedHashMap<>();
        lists.put("conversationEvent", examples(ConversationEvent.class));
        lists.put("userEvent", examples(UserEvent.class));
        lists.put("serverFrame", frameExamples());
        StringBuilder out = new StringBuilder();
        out.append("// Generated from the Java event and frame records by org.confer.events.EventCatalogueTest; do not edit.\n");
        out.append("// Regenerate: ./mvnw -q -pl server test -Dtest=EventCatalogueTest -Dconfer.events.write=true\n");
        out.append("import type { ConversationEvent, ServerFrame, UserEvent } from './events';\n\n");
        out.append(list("conversationEventKinds", lists.get("conversationEvent")));
        out.append(list("userEventKinds", lists.get("userEvent")));
        out.append(list("serverFrameTypes", lists.get("serverFrame")));
        out.append('\n');
        out.append(examples("conversationEventExamples", "ConversationEvent", lists.get("conversationEvent")));
        out.append(examples("userEventExamples", "UserEvent", lists.get("userEvent")));
        out.append(examples("serverFrameExamples", "ServerFrame", lists.get("serverFrame")));
        return out.toString();
    }

    private static String list(String name, List<Object> examples) {
        return "export const " + name + " = [" + examples.stream().map(e -> "\"" + EventKinds.of(e) + "\"")
                .collect(Collectors.joining(", ")) + "] as const;\n";
    }

    private String examples(String name, String type, List<Object> examples) throws IOException {
        List<String> lines = new ArrayList<>();
        for (Object e : examples) {
            lines.add("  " + (e instanceof ServerFrame f ? frames.write(f) : mapper.writeValueAsString(e)) + ",");
        }
        return "\nexport const " + name + ": " + type + "[] = [\n" + String.join("\n", lines) + "\n];\n";
    }
}
