package org.confer.app;

/**
 * A setting that cannot be used. Its message is the single line printed to the operator at
 * start-up: it names the setting, where the value came from, and what is accepted.
 */
public final class ConfigException extends RuntimeException {
    public ConfigException(String message) {
        super(message, null, false, false);
    }
}
