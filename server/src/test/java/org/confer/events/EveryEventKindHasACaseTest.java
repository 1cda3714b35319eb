package org.confer.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.confer.testing.Covers;
import org.junit.jupiter.api.Test;

/**
 * The sweep over event kinds: every record of ConversationEvent and UserEvent has a test that
 * checks it as a client sees it ({@link Covers} on a test of {@link #CASES}). A kind added
 * without one fails here; a test that names a kind it does not apply fails in its own class.
 */
class EveryEventKindHasACaseTest {
    /** The classes whose tests cover event kinds with verifyAction. */
    private static final List<Class<?>> CASES = List.of(EventsAsClientsSeeThemTest.class,
            org.confer.preferences.PreferencesTest.class, org.confer.pins.PinsTest.class, org.confer.calls.CallEventsTest.class,
            org.confer.meetings.MeetingEventsTest.class, org.confer.files.FilesApiTest.class);

    @Test
    void every_conversation_and_user_event_kind_has_a_case_that_checks_it_as_a_client_sees_it() {
        Set<Class<?>> covered = new HashSet<>();
        for (Class<?> cases : CASES) {
            for (Method m : cases.getDeclaredMethods()) {
                Covers covers = m.getAnnotation(Covers.class);
                if (covers != null) {
                    assertThat(m.isAnnotationPresent(Test.class)).as("%s.%s has @Covers but is no @Test", cases.getSimpleName(), m.getName())
                            .isTrue();
                    covered.addAll(List.of(covers.value()));
                }
            }
        }
        List<String> uncovered = Stream.of(ConversationEvent.class, UserEvent.class)
                .flatMap(sealed -> Arrays.stream(sealed.getPermittedSubclasses()))
                .filter(kind -> !covered.contains(kind))
                .map(EventKinds::of).sorted().toList();
        assertThat(uncovered).as("event kinds without a case: add a test with @Covers(TheRecord.class) that runs verifyAction to %s",
                CASES.getFirst().getSimpleName()).isEmpty();
    }
}
