package org.confer.identity;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;

/** What a user may administer. Every user also belongs to exactly one home organisation. */
public enum Role {
    MEMBER("member"),
    /** Manages the users of their own organisation only. */
    ORG_ADMIN("org_admin"),
    /** Operates the whole installation: organisations and every organisation's users. */
    PLATFORM_ADMIN("platform_admin");

    private final String code;

    Role(String code) {
        this.code = code;
    }

    @JsonValue
    public String code() {
        return code;
    }

    @JsonCreator
    public static Role fromCode(String code) {
        return Arrays.stream(values()).filter(r -> r.code.equals(code)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown role " + code));
    }

    public boolean canAdministerUsers() {
        return this != MEMBER;
    }
}
