package org.confer.bots;

/** The bots Confer itself runs, one of each per organisation, made on first use. */
public enum BuiltInBot {
    RESULTS("Results", "Results alerts: tells clinicians when their patients' results are ready"),
    REQUESTS("Requests", "Service requests: phlebotomy, porters, imaging, swab team, IT"),
    VISITS("Visits", "Virtual visit bookings");

    private final String displayName;
    private final String description;

    BuiltInBot(String displayName, String description) {
        this.displayName = displayName;
        this.description = description;
    }

    public String displayName() {
        return displayName;
    }

    public String description() {
        return description;
    }
}
