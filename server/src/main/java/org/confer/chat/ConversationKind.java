package org.confer.chat;

/** Channel (inside a team), group chat (3+ people), direct chat (exactly two people). */
public enum ConversationKind {
    CHANNEL("channel"),
    GROUP("group"),
    DIRECT("direct");

    private final String code;

    ConversationKind(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }

    public static ConversationKind fromCode(String code) {
        for (ConversationKind k : values()) {
            if (k.code.equals(code)) {
                return k;
            }
        }
        throw new IllegalArgumentException("unknown conversation kind " + code);
    }
}
