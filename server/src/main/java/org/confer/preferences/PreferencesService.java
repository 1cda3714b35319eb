package org.confer.preferences;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.UUID;
import org.confer.db.Database;
import org.confer.events.ConversationWriter;
import org.confer.events.UserEvent.PreferencesChanged;
import org.confer.events.UserEvent.PreferencesSnapshot;
import org.confer.http.ApiException;
import org.confer.http.RateLimitedException;
import org.confer.identity.Principal;
import org.confer.limits.KeyedBudget;
import org.jooq.exception.DataAccessException;

/**
 * A person's own settings: read (defaults until they change something), changed field by field,
 * and announced to their other devices as a {@code preferences.changed} user event.
 */
public final class PreferencesService {
    /** Changes per person per minute: a settings page sends one per click; a script sends far more. */
    static final int CHANGES_PER_MINUTE = 60;

    /** A change: the fields given are set, the others keep their value. */
    public record Change(Boolean desktopNotifications, Boolean messageSound, Boolean urgentSound,
                         List<UUID> mutedConversations, String theme, String timeFormat) {}

    private final Database db;
    private final ConversationWriter writer;
    private final PreferencesStore store;
    private final ObjectMapper mapper;
    private final KeyedBudget<UUID> changes;

    public PreferencesService(Database db, ConversationWriter writer, PreferencesStore store, ObjectMapper mapper, Clock clock) {
        this.db = db;
        this.writer = writer;
        this.store = store;
        this.mapper = mapper;
        this.changes = new KeyedBudget<>(CHANGES_PER_MINUTE, Duration.ofMinutes(1), clock, 500_000);
    }

    public Preferences of(Principal who) {
        return store.json(db.dsl(), who.userId()).map(this::read).orElseGet(Preferences::defaults);
    }

    public Preferences change(Principal who, Change change) {
        applied(Preferences.defaults(), change); // refuses bad input before anything is taken, read or written
        changes.tryTake(who.userId()).ifPresent(seconds -> {
            throw new RateLimitedException("Too many changes of settings: at most " + CHANGES_PER_MINUTE
                    + " a minute; try again in " + seconds + " s", seconds);
        });
        try {
            return save(who.userId(), change);
        } catch (DataAccessException firstSavedElsewhere) {
            // Two first changes at once: the other created the row; apply this one on top of it.
            return save(who.userId(), change);
        }
    }

    private Preferences save(UUID userId, Change change) {
        return writer.write(tx -> {
            Preferences current = store.jsonForUpdate(tx.dsl(), userId).map(this::read).orElseGet(Preferences::defaults);
            Preferences next = applied(current, change);
            store.save(tx.dsl(), userId, write(next), tx.now());
            tx.toUser(userId, new PreferencesChanged(snapshot(next)));
            return next;
        });
    }

    private static Preferences applied(Preferences p, Change c) {
        return new Preferences(
                c.desktopNotifications() != null ? c.desktopNotifications() : p.desktopNotifications(),
                c.messageSound() != null ? c.messageSound() : p.messageSound(),
                c.urgentSound() != null ? c.urgentSound() : p.urgentSound(),
                c.mutedConversations() != null ? muted(c.mutedConversations()) : p.mutedConversations(),
                c.theme() != null ? oneOf("theme", c.theme(), Preferences.THEMES) : p.theme(),
                c.timeFormat() != null ? oneOf("timeFormat", c.timeFormat(), Preferences.TIME_FORMATS) : p.timeFormat());
    }

    private static List<UUID> muted(List<UUID> ids) {
        if (ids.contains(null)) {
            throw ApiException.invalid("mutedConversations", "'mutedConversations' must list conversation ids");
        }
        List<UUID> distinct = List.copyOf(new LinkedHashSet<>(ids));
        if (distinct.size() > Preferences.MAX_MUTED) {
            throw ApiException.invalid("mutedConversations", "At most " + Preferences.MAX_MUTED + " conversations can be muted");
        }
        return distinct;
    }

    private static String oneOf(String field, String value, List<String> allowed) {
        if (!allowed.contains(value)) {
            throw ApiException.invalid(field, "'" + field + "' must be one of " + String.join(", ", allowed));
        }
        return value;
    }

    static PreferencesSnapshot snapshot(Preferences p) {
        return new PreferencesSnapshot(p.desktopNotifications(), p.messageSound(), p.urgentSound(), p.mutedConversations(),
                p.theme(), p.timeFormat());
    }

    private Preferences read(String json) {
        try {
            // Stored by an older version with fewer fields: what is missing takes its default.
            Change stored = mapper.readerFor(Change.class).without(
                    com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).readValue(json);
            return applied(Preferences.defaults(), stored);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored preferences are not readable", e);
        }
    }

    private String write(Preferences p) {
        try {
            return mapper.writeValueAsString(p);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
