package org.confer.requests;

import java.util.Optional;

/** Where a request is: open → claimed → in-progress → done, or cancelled before it is done. */
public enum RequestStatus {
    OPEN("open"), CLAIMED("claimed"), IN_PROGRESS("in-progress"), DONE("done"), CANCELLED("cancelled");

    private final String code;

    RequestStatus(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }

    /** Done and cancelled requests change no more. */
    public boolean finished() {
        return this == DONE || this == CANCELLED;
    }

    public static Optional<RequestStatus> parse(String code) {
        for (RequestStatus s : values()) {
            if (s.code.equals(code)) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }
}
