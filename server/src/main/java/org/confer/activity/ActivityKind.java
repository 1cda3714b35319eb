package org.confer.activity;

/** What happened to the person, as named in the API ({@code kind} of an activity item). */
public enum ActivityKind {
    /** Someone mentioned me by {@code <@id>}, or everyone by {@code @channel} / {@code @team}. */
    MENTION("mention"),
    /** Someone sent an urgent message I must acknowledge. */
    URGENT("urgent"),
    /** Someone reacted to one of my messages. */
    REACTION("reaction"),
    /** Someone added me to a conversation (a chat they started, a channel, a team's channels). */
    ADDED("added"),
    /**
     * Someone replied in a thread I take part in: one I started (its root is my message), or
     * one I replied in before them. Added in issue 12.
     */
    REPLY("reply"),
    /** Someone wrote in a direct or group chat of mine. Added in issue 12. */
    DIRECT("direct");

    private final String code;

    ActivityKind(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }
}
