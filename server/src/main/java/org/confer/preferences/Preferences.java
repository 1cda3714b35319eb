package org.confer.preferences;

import java.util.List;
import java.util.UUID;

/**
 * A person's settings of the web client. Urgent messages alert whatever these say (an urgent
 * message breaks through a mute and "do not disturb"); {@code urgentSound} only silences the tone.
 *
 * @param desktopNotifications show desktop notifications when the browser allows them
 * @param messageSound a tone for direct messages and mentions
 * @param urgentSound the tone of an urgent message and each of its reminders
 * @param mutedConversations conversations whose messages neither notify nor sound (badges still count)
 * @param theme system (follow the device's light or dark setting), light, dark or contrast (high contrast)
 * @param timeFormat 24h or 12h
 */
public record Preferences(boolean desktopNotifications, boolean messageSound, boolean urgentSound,
                          List<UUID> mutedConversations, String theme, String timeFormat) {

    public static final List<String> THEMES = List.of("system", "light", "dark", "contrast");
    public static final List<String> TIME_FORMATS = List.of("24h", "12h");
    /** More than anyone mutes; bounds what one person stores. */
    public static final int MAX_MUTED = 500;

    public static Preferences defaults() {
        return new Preferences(true, true, true, List.of(), "system", "24h");
    }
}
