package org.confer.requests;

import java.util.List;

/**
 * One question of a service's form. {@code name} is the key of the answer in a request's
 * {@code fields}; {@code choices} is non-empty exactly when {@code type} is {@code choice};
 * {@code required} is false unless given.
 *
 * @param type {@code text}, {@code choice} or {@code number}
 */
public record FormField(String name, String label, String type, Boolean required, List<String> choices) {

    public FormField {
        choices = choices == null ? List.of() : List.copyOf(choices);
        required = Boolean.TRUE.equals(required);
    }
}
