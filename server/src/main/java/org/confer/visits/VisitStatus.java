package org.confer.visits;

import java.util.Arrays;
import java.util.Optional;

/** Where a visit is: booked, then cancelled, attended or no-show (each final). */
public enum VisitStatus {
    BOOKED("booked"), CANCELLED("cancelled"), ATTENDED("attended"), NO_SHOW("no-show");

    private final String code;

    VisitStatus(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }

    public static Optional<VisitStatus> parse(String code) {
        return Arrays.stream(values()).filter(s -> s.code.equals(code)).findFirst();
    }
}
