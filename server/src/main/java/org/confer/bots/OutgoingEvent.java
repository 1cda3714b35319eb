package org.confer.bots;

import java.util.Locale;
import java.util.Optional;

/**
 * What an external bot can be told of: {@code events} of {@code PUT /api/v1/bots/{id}/outgoing},
 * and the delivery's {@code type} on the wire.
 */
public enum OutgoingEvent {
    MENTION("mention", "mention"),
    DIRECT("direct", "direct_message"),
    COMMAND("command", "command"),
    ACTION("action", "block_actions");

    private final String setting;
    private final String wireType;

    OutgoingEvent(String setting, String wireType) {
        this.setting = setting;
        this.wireType = wireType;
    }

    /** The name in the bot's settings ({@code events: ["mention", "direct", "command", "action"]}). */
    public String setting() {
        return setting;
    }

    /** The delivery body's {@code type}. */
    public String wireType() {
        return wireType;
    }

    public static Optional<OutgoingEvent> ofSetting(String s) {
        for (OutgoingEvent e : values()) {
            if (e.setting.equals(s == null ? null : s.toLowerCase(Locale.ROOT))) {
                return Optional.of(e);
            }
        }
        return Optional.empty();
    }
}
