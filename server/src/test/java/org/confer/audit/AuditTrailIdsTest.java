package org.confer.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Audit ids sort in the order the steps were written, even thousands within one millisecond:
 * a result's "received", "routed" and "alerted" share a time and must still list in that order
 * (the databases compare UUIDs as unsigned bytes).
 */
class AuditTrailIdsTest {

    private static int unsigned(UUID a, UUID b) {
        int high = Long.compareUnsigned(a.getMostSignificantBits(), b.getMostSignificantBits());
        return high != 0 ? high : Long.compareUnsigned(a.getLeastSignificantBits(), b.getLeastSignificantBits());
    }

    @Test
    void ids_written_one_after_another_always_sort_after_the_previous_one_and_are_version_7() {
        AuditTrail trail = new AuditTrail();
        UUID previous = trail.nextId();
        for (int i = 0; i < 20_000; i++) {
            UUID id = trail.nextId();
            assertThat(unsigned(id, previous)).as("id %d sorts after the one before", i).isPositive();
            assertThat(id.version()).isEqualTo(7);
            assertThat(id.variant()).isEqualTo(2);
            previous = id;
        }
        long millis = previous.getMostSignificantBits() >>> 16;
        assertThat(millis).as("the id carries its time").isBetween(System.currentTimeMillis() - 60_000, System.currentTimeMillis() + 60_000);
    }
}
