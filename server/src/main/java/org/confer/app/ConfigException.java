package org.confer.app;

/**
 * A setting that cannot be used. Its message is the single line printed to the operator at
 * start-up: it names the setting, where the value came from, and what is accepted.
 */
public final class ConfigException extends RuntimeException {
    public ConfigException(String message) {
        super(oneLine(message), null, false, false);
    }

    /** Escapes line breaks and other control characters (values can contain them) so the message stays one line. */
    private static String oneLine(String message) {
        StringBuilder sb = new StringBuilder(message.length());
        message.codePoints().forEach(c -> {
            switch (c) {
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (Character.isISOControl(c) || c == 0x2028 || c == 0x2029) {
                        sb.append(String.format("\\u%04x", c));
                    } else {
                        sb.appendCodePoint(c);
                    }
                }
            }
        });
        return sb.toString();
    }
}
