package org.confer.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import org.confer.events.SessionChange;
import org.junit.jupiter.api.Test;

/** What nodes say to each other on NATS reads back as it was written, and nothing else is taken for it. */
class BusMessageTest {
    private static final UUID A = UUID.randomUUID();
    private static final UUID B = UUID.randomUUID();
    /** A frame with the separators the encoding uses, and text beyond ASCII. */
    private static final String FRAME = "{\"type\":\"event\",\"text\":\"line one\\nline two\\t\\u00e9 ✓\"}\nsecond line";

    @Test
    void everyKindOfMessageReadsBackAsWritten() {
        List<BusMessage> all = List.of(
                new BusMessage.Event(42, FRAME),
                new BusMessage.ForUser(7, FRAME),
                new BusMessage.Membership(A, B, true),
                new BusMessage.Membership(A, B, false),
                new BusMessage.Ephemeral(B, FRAME),
                new BusMessage.Ephemeral(null, FRAME),
                new BusMessage.EphemeralToUser(FRAME),
                new BusMessage.Sessions(SessionChange.sessionEnded(A, B)),
                new BusMessage.Sessions(SessionChange.sessionsEnded(A, null)),
                new BusMessage.Sessions(SessionChange.disconnect(A, "the visit was cancelled")),
                new BusMessage.Sessions(SessionChange.userChanged(A)),
                new BusMessage.PresenceHere("node-1", A, true, 1_765_000_000_123L, false),
                new BusMessage.ChoiceChanged(A),
                new BusMessage.Heartbeat("node-2"),
                new BusMessage.Joined("node-3"),
                new BusMessage.ToNode("calls.request", FRAME));
        for (BusMessage m : all) {
            assertThat(BusMessage.decode(BusMessage.encode(m))).as(m.toString()).isEqualTo(m);
        }
    }

    @Test
    void bytesNoNodeWroteAreRefusedNotGuessed() {
        for (String junk : List.of("", "X123", "E12", "Enot-a-number\n{}", "M+" + A, "S" + "ONE\t" + A, "Vnode\t" + A + "\t1")) {
            assertThatThrownBy(() -> BusMessage.decode(junk.getBytes(StandardCharsets.UTF_8)))
                    .as("'" + junk + "'").isInstanceOf(IllegalArgumentException.class);
        }
    }
}
