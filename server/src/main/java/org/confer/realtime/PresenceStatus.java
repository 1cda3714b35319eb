package org.confer.realtime;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** What others see of someone's availability. Only the first four can be chosen; offline is derived. */
public enum PresenceStatus {
    AVAILABLE, BUSY, DND, AWAY, OFFLINE;

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** A status a person may choose; empty for anything else, offline included (it means "no stream"). */
    public static Optional<PresenceStatus> choosable(String code) {
        return Arrays.stream(values()).filter(s -> s != OFFLINE && s.code().equals(code)).findFirst();
    }
}
