package org.confer.events;

import java.lang.reflect.Constructor;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * One example of every record of a sealed event or frame type, built by reflection with every
 * component filled (optional ones too, so the TypeScript check sees every field). Strings whose
 * values are a closed set on the wire get a real value from {@link #CLOSED_STRINGS}; any other
 * string is "example". Deterministic: the same records give the same examples.
 */
final class EventExamples {
    /** Components whose strings the client treats as a closed set (a TypeScript literal union). */
    private static final Map<String, String> CLOSED_STRINGS = Map.ofEntries(
            Map.entry("ConversationSnapshot.kind", "channel"),
            Map.entry("MessageCard.severity", "critical"),
            Map.entry("Action.style", "primary"),
            Map.entry("ServiceRequestSnapshot.status", "claimed"),
            Map.entry("ServiceRequestSnapshot.priority", "urgent"),
            Map.entry("ConversationSnapshot.visibility", "standard"),
            Map.entry("Presence.status", "available"),
            Map.entry("ReactionAdded.emoji", "👍"),
            Map.entry("ReactionRemoved.emoji", "👍"),
            Map.entry("PreferencesSnapshot.theme", "dark"),
            Map.entry("PreferencesSnapshot.timeFormat", "24h"),
            Map.entry("CallStarted.media", "video"),
            Map.entry("CallStarted.topology", "mesh"),
            Map.entry("CallRing.media", "video"),
            Map.entry("CallRingStopped.reason", "answered"),
            Map.entry("CallRoster.topology", "sfu"),
            Map.entry("CallAdmission.state", "admitted"),
            Map.entry("FileSnapshot.status", "ready"));
    private static final OffsetDateTime TIME = OffsetDateTime.of(2026, 1, 2, 3, 4, 5, 0, ZoneOffset.UTC);

    private final Map<Class<?>, String> rawJson;
    private int nextId = 1;
    private long nextNumber = 1;

    /** @param rawJson the JSON text to use for {@code @JsonRawValue} string components, by the record that has them */
    EventExamples(Map<Class<?>, String> rawJson) {
        this.rawJson = rawJson;
    }

    /** The permitted records of a sealed interface, sorted by their kind (or frame type). */
    static List<Class<?>> kindsOf(Class<?> sealed) {
        List<Class<?>> kinds = new ArrayList<>(Arrays.asList(sealed.getPermittedSubclasses()));
        kinds.sort(Comparator.comparing(EventKinds::of));
        return kinds;
    }

    Object example(Class<?> record) {
        RecordComponent[] components = record.getRecordComponents();
        Object[] values = new Object[components.length];
        Class<?>[] types = new Class<?>[components.length];
        for (int i = 0; i < components.length; i++) {
            types[i] = components[i].getType();
            values[i] = value(record, components[i]);
        }
        try {
            Constructor<?> canonical = record.getDeclaredConstructor(types);
            return canonical.newInstance(values);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot build an example of " + record.getName(), e);
        }
    }

    private Object value(Class<?> record, RecordComponent c) {
        Class<?> type = c.getType();
        if (type == String.class) {
            if (c.getAccessor().isAnnotationPresent(com.fasterxml.jackson.annotation.JsonRawValue.class)) {
                return rawJson.get(record);
            }
            return CLOSED_STRINGS.getOrDefault(record.getSimpleName() + "." + c.getName(), "example");
        }
        if (type == UUID.class) {
            return UUID.fromString(String.format("00000000-0000-4000-8000-%012d", nextId++));
        }
        if (type == long.class || type == Long.class) {
            return nextNumber++;
        }
        if (type == int.class || type == Integer.class) {
            return (int) nextNumber++;
        }
        if (type == boolean.class || type == Boolean.class) {
            return true;
        }
        if (type == OffsetDateTime.class) {
            return TIME;
        }
        if (type == Instant.class) {
            return TIME.toInstant();
        }
        if (type == List.class) {
            Type element = ((ParameterizedType) c.getGenericType()).getActualTypeArguments()[0];
            if (element == UUID.class) {
                return List.of(UUID.fromString(String.format("00000000-0000-4000-8000-%012d", nextId++)));
            }
            if (element instanceof Class<?> k && k.isRecord()) {
                return List.of(example(k));
            }
            throw new IllegalStateException("no example for a list of " + element + " in " + record.getSimpleName());
        }
        if (type.isRecord()) {
            return example(type);
        }
        throw new IllegalStateException("no example for " + type.getName() + " " + record.getSimpleName() + "." + c.getName()
                + ": teach EventExamples this type");
    }
}
