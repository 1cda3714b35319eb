package org.confer.requests;

/** How many minutes a service promises for each priority; a request is due that long after it is filed. */
public record Targets(Integer routine, Integer urgent, Integer emergency) {

    public int minutes(Priority p) {
        return switch (p) {
            case ROUTINE -> routine;
            case URGENT -> urgent;
            case EMERGENCY -> emergency;
        };
    }
}
