package org.confer.calls;

/**
 * Who joins a meeting without waiting in its lobby (the organiser and presenters always do).
 * Everyone else who may join the meeting waits until a host admits them.
 */
public enum LobbyPolicy {
    /** Everyone who may join the meeting goes straight in. */
    EVERYONE("everyone"),
    /** People of the organiser's organisation go straight in; the others wait. */
    ORGANISATION("organisation"),
    /** People invited by name go straight in; those who may join through a channel wait. */
    INVITEES("invitees");

    private final String code;

    LobbyPolicy(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }

    public static LobbyPolicy fromCode(String code) {
        for (LobbyPolicy p : values()) {
            if (p.code.equals(code)) {
                return p;
            }
        }
        throw new IllegalArgumentException("unknown lobby policy " + code);
    }
}
