package org.confer.cluster;

import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.confer.events.SessionChange;

/**
 * What travels on NATS, one message each: a tag letter, a few fields, then the frame text as the
 * WebSocket will carry it (encoded once by the publishing node). The subject says which
 * conversation or person it is about (docs/cluster.md, "Subjects and messages").
 */
sealed interface BusMessage {

    /** A stored conversation event's frame ({@code E<seq>\n<frame>}). */
    record Event(long seq, String frame) implements BusMessage {}

    /** A stored user event's frame ({@code U<userSeq>\n<frame>}). */
    record ForUser(long userSeq, String frame) implements BusMessage {}

    /** Someone joined or left a conversation ({@code M+<conversation> <user>} or {@code M-…}). */
    record Membership(UUID conversationId, UUID userId, boolean added) implements BusMessage {}

    /** An ephemeral frame for a conversation's members but one ({@code T<user or ->\n<frame>}). */
    record Ephemeral(UUID exceptUser, String frame) implements BusMessage {}

    /** An ephemeral frame for one person ({@code P<frame>}). */
    record EphemeralToUser(String frame) implements BusMessage {}

    /** Sessions ended or changed ({@code S<ended>\t<user>\t<session or ->\t<reason>}). */
    record Sessions(SessionChange change) implements BusMessage {}

    static byte[] encode(BusMessage m) {
        String text = switch (m) {
            case Event e -> "E" + e.seq() + "\n" + e.frame();
            case ForUser u -> "U" + u.userSeq() + "\n" + u.frame();
            case Membership ms -> "M" + (ms.added() ? "+" : "-") + ms.conversationId() + " " + ms.userId();
            case Ephemeral e -> "T" + orDash(e.exceptUser()) + "\n" + e.frame();
            case EphemeralToUser p -> "P" + p.frame();
            case Sessions s -> "S" + s.change().ended().name() + "\t" + s.change().userId() + "\t" + orDash(s.change().sessionId())
                    + "\t" + (s.change().reason() == null ? "" : s.change().reason());
        };
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** The message, or an IllegalArgumentException for bytes no Confer node wrote. */
    static BusMessage decode(byte[] data) {
        String text = new String(data, StandardCharsets.UTF_8);
        if (text.isEmpty()) {
            throw new IllegalArgumentException("empty bus message");
        }
        String body = text.substring(1);
        return switch (text.charAt(0)) {
            case 'E' -> new Event(Long.parseLong(head(body)), tail(body));
            case 'U' -> new ForUser(Long.parseLong(head(body)), tail(body));
            case 'M' -> {
                String[] ids = body.substring(1).split(" ", 2);
                yield new Membership(UUID.fromString(ids[0]), UUID.fromString(ids[1]), body.charAt(0) == '+');
            }
            case 'T' -> new Ephemeral(dashOr(head(body)), tail(body));
            case 'P' -> new EphemeralToUser(body);
            case 'S' -> {
                String[] f = body.split("\t", 4);
                if (f.length != 4) {
                    throw new IllegalArgumentException("a session change needs four fields");
                }
                yield new Sessions(new SessionChange(UUID.fromString(f[1]), SessionChange.Ended.valueOf(f[0]), dashOr(f[2]),
                        f[3].isEmpty() ? null : f[3]));
            }
            default -> throw new IllegalArgumentException("unknown bus message tag " + text.charAt(0));
        };
    }

    private static String head(String body) {
        int nl = body.indexOf('\n');
        if (nl < 0) {
            throw new IllegalArgumentException("bus message without its frame");
        }
        return body.substring(0, nl);
    }

    private static String tail(String body) {
        return body.substring(body.indexOf('\n') + 1);
    }

    private static String orDash(UUID id) {
        return id == null ? "-" : id.toString();
    }

    private static UUID dashOr(String s) {
        return "-".equals(s) ? null : UUID.fromString(s);
    }
}
