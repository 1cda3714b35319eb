package org.confer.retention;

import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.UUID;

/**
 * An organisation's retention policy: messages its people wrote more than {@code days} ago are
 * deleted or anonymised (docs/retention.md). No policy keeps everything for ever.
 */
record RetentionPolicy(UUID organisationId, Action action, int days, UUID setBy, OffsetDateTime setAt) {
    /**
     * The shortest period a policy may have. Clinical conversations are part of the care record
     * for the weeks a patient is under a team's care; 30 days is the floor a typed "3" or "7" hits
     * instead of deleting last week's handover (docs/clinical-safety/hazard-log.md, H-036).
     */
    static final int MIN_DAYS = 30;
    /** A hundred years: longer means "keep", which is no policy at all. */
    static final int MAX_DAYS = 36_500;

    enum Action {
        DELETE("delete", "deleted"), ANONYMISE("anonymise", "anonymised");

        private final String code;
        private final String done;

        Action(String code, String done) {
            this.code = code;
            this.done = done;
        }

        String code() {
            return code;
        }

        /** What messages.retained says once the action has reached a message. */
        String done() {
            return done;
        }

        static Action of(String code) {
            return Arrays.stream(values()).filter(a -> a.code.equals(code)).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("unknown retention action " + code));
        }
    }

    OffsetDateTime cutoff(OffsetDateTime now) {
        return now.minusDays(days);
    }
}
