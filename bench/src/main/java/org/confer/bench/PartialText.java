package org.confer.bench;

/**
 * Reassembles a text message that arrives in parts (a fragmented message, or one Jetty splits at
 * its maximum frame size). A message in one part, the usual case, passes through without a copy.
 * Not thread-safe: Jetty delivers one stream's parts one at a time.
 */
final class PartialText {
    private final StringBuilder parts = new StringBuilder();

    /** Adds one part; returns the whole message after its last part, otherwise null. */
    String add(String part, boolean last) {
        if (last && parts.isEmpty()) {
            return part;
        }
        parts.append(part);
        if (!last) {
            return null;
        }
        String whole = parts.toString();
        parts.setLength(0);
        return whole;
    }
}
