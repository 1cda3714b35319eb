package org.confer.requests;

import java.util.Locale;
import java.util.Optional;

/** How soon a request is needed; picks the service's target time and how loudly the queue is told. */
public enum Priority {
    ROUTINE, URGENT, EMERGENCY;

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<Priority> parse(String code) {
        for (Priority p : values()) {
            if (p.code().equalsIgnoreCase(code)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }
}
