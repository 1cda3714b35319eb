package org.confer.chat;

/** Owners manage the team (members, channels, deleting others' messages); members take part. */
public enum TeamRole {
    OWNER("owner"),
    MEMBER("member");

    private final String code;

    TeamRole(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }

    public static TeamRole fromCode(String code) {
        return "owner".equals(code) ? OWNER : MEMBER;
    }
}
