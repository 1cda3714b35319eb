package org.confer.events;

import com.fasterxml.jackson.annotation.JsonTypeName;

/** The kind an event record declares: its {@code @JsonTypeName}, read once per class. */
final class EventKinds {
    private EventKinds() {}

    private static final ClassValue<String> KINDS = new ClassValue<>() {
        @Override
        protected String computeValue(Class<?> type) {
            JsonTypeName name = type.getAnnotation(JsonTypeName.class);
            if (name == null || name.value().isBlank()) {
                throw new IllegalStateException(type.getName() + " is an event without @JsonTypeName: name its kind");
            }
            return name.value();
        }
    };

    static String of(Object event) {
        return of(event.getClass());
    }

    static String of(Class<?> eventType) {
        return KINDS.get(eventType);
    }
}
