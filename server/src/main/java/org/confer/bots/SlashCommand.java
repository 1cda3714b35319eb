package org.confer.bots;

import java.util.UUID;

/**
 * A command offered in the composer ({@code /request}, {@code /results}). {@code name} has no
 * slash, lower-case letters, digits and '-'; {@code usage} is the argument hint shown by the
 * autocomplete ("phlebotomy|porters … <details>"); {@code botUserId} answers it.
 */
public record SlashCommand(String name, String usage, String description, UUID botUserId) {}
