package org.confer.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.annotation.JsonTypeName;
import com.fasterxml.jackson.databind.JsonNode;
import java.lang.reflect.Method;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.confer.testing.ChatFixtures.Person;

/**
 * Zulip's {@code verify_action} (zerver/tests/test_events.py) for Confer: what an action sends a
 * person on the stream, applied by a client to the state it read over REST before the action,
 * must give exactly the state REST shows after it. So every event carries what a client needs,
 * and nothing a client must know changes without an event.
 *
 * <p>{@link #verify} reads the person's {@link ClientState} over REST, opens a stream resuming
 * from its cursors and userSeq, runs the action, collects the frames it sent, applies them,
 * reads REST again and compares field by field. It also checks that the action sent exactly the
 * expected event kinds and changed what the person sees. Use one per test; {@link #assertCovered}
 * then checks the test's {@link Covers} against the kinds it really applied.
 */
public final class VerifyAction {
    private static final Duration WAIT = Duration.ofSeconds(20);

    /** The event records an action sends the person: {@code kinds} exactly, in any order, plus any of {@code mayAlso}. */
    public record Expected(List<Class<?>> kinds, Set<Class<?>> mayAlso) {
        /** Kinds the action may or may not send, as the server's timing has it. */
        public Expected orMaybe(Class<?>... optional) {
            Set<Class<?>> more = new LinkedHashSet<>(mayAlso);
            more.addAll(List.of(optional));
            return new Expected(kinds, Set.copyOf(more));
        }
    }

    public static Expected expect(Class<?>... kinds) {
        return new Expected(List.of(kinds), Set.of());
    }

    private final Api api;
    private final Set<Class<?>> applied = new LinkedHashSet<>();

    public VerifyAction(Api api) {
        this.api = api;
    }

    /** Runs {@code action} and checks it as {@code viewer}'s client sees it; returns the client's state after it. */
    public ClientState verify(Person viewer, Expected expected, Runnable action) {
        ClientState before = ClientState.fetch(api, viewer);
        ClientState state = ClientState.fetch(api, viewer);
        List<JsonNode> frames;
        try (StreamClient stream = StreamClient.connect(api.base(), viewer.token(), true)) {
            stream.hello(state.cursors(), state.userSeq());
            assertThat(stream.awaitType("ready").get("replayed").asLong()).as("events replayed after a state just read over REST")
                    .isZero();
            action.run();
            frames = collect(stream, expected);
        }
        List<Class<?>> kinds = new ArrayList<>();
        for (JsonNode frame : frames) {
            Object event = ClientState.eventOf(frame);
            if (event != null) {
                kinds.add(event.getClass());
            }
            state.apply(frame);
        }
        applied.addAll(kinds);
        List<Class<?>> unexpected = new ArrayList<>(kinds);
        unexpected.removeIf(expected.mayAlso()::contains);
        for (Class<?> kind : expected.kinds()) {
            unexpected.remove(kind);
        }
        assertThat(names(unexpected)).as("events the action sent besides %s: %s", names(expected.kinds()), frames).isEmpty();

        ClientState after = ClientState.fetch(api, viewer);
        assertThat(state.view()).as("the state of %s's client after %s, against REST", viewer.email(), names(kinds))
                .usingRecursiveComparison().isEqualTo(after.view());
        assertThat(after.view()).as("what %s sees over REST before and after the action", viewer.email())
                .usingRecursiveComparison().isNotEqualTo(before.view());
        return state;
    }

    /** Fails when {@code test} covers a kind (with {@link Covers}) that no {@link #verify} of this instance applied. */
    public void assertCovered(Method test) {
        Covers covers = test.getAnnotation(Covers.class);
        if (covers == null) {
            return;
        }
        for (Class<?> kind : covers.value()) {
            assertThat(names(List.copyOf(applied))).as("%s covers %s: its verifyAction applied", test.getName(), kind(kind))
                    .contains(kind(kind));
        }
    }

    /**
     * The frames the action sent. Its writes publish their frames after commit and before the
     * answer, and a stream's frames are queued in order, so a ping sent after the action is
     * answered after all of them: the pong marks the end. The deadline only bounds a wait for
     * an expected kind that a broken server never sends.
     */
    private static List<JsonNode> collect(StreamClient stream, Expected expected) {
        stream.send(Map.of("type", "ping"));
        List<JsonNode> frames = new ArrayList<>();
        List<Class<?>> missing = new ArrayList<>(expected.kinds());
        boolean pong = false;
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!pong || !missing.isEmpty()) {
            JsonNode frame;
            try {
                frame = stream.await(f -> true, Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
            } catch (AssertionError timeout) {
                throw new AssertionError("within " + WAIT + " the action sent no " + names(missing) + "; it sent " + frames, timeout);
            }
            if ("pong".equals(frame.path("type").asText())) {
                pong = true;
                continue;
            }
            frames.add(frame);
            Object event = ClientState.eventOf(frame);
            if (event != null) {
                missing.remove(event.getClass());
            }
        }
        return frames;
    }

    /** An event record's kind, as the wire names it. */
    public static String kind(Class<?> event) {
        JsonTypeName name = event.getAnnotation(JsonTypeName.class);
        return name == null ? event.getName() : name.value();
    }

    private static List<String> names(List<Class<?>> kinds) {
        return kinds.stream().map(VerifyAction::kind).toList();
    }
}
