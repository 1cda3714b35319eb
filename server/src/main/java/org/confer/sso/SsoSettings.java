package org.confer.sso;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/**
 * One organisation's OpenID Connect provider (docs/single-sign-on.md). {@code clientSecret} never
 * leaves the server: views say only whether one is set.
 *
 * @param tenantClaim  with {@code tenantValue}: a claim the ID token must carry with that value
 *                     (a string equal to it, or an array containing it), such as Entra ID's {@code tid}
 * @param domains      email domains whose people start sign-in here ("Sign in with your
 *                     organisation" with an email address); also the only domains it may sign in
 *                     when not empty
 * @param emailUpdatesAllowed a person found by their subject gets the provider's new email (when no
 *                     other account has it); otherwise Confer keeps the email it knows
 */
public record SsoSettings(UUID organisationId, String issuer, String clientId, String clientSecret, ClientAuth clientAuth,
                          List<String> scopes, String emailClaim, String nameClaim, String jobTitleClaim,
                          String tenantClaim, String tenantValue, List<String> domains, boolean enabled,
                          boolean justInTimeProvisioning, boolean localPasswordsAllowed, boolean emailUpdatesAllowed,
                          OffsetDateTime updatedAt, UUID updatedBy) {

    /** How Confer authenticates itself at the provider's token endpoint. */
    public enum ClientAuth {
        CLIENT_SECRET_BASIC("client_secret_basic"),
        CLIENT_SECRET_POST("client_secret_post"),
        /** A client assertion signed with the organisation's active key (RFC 7523; CIS2 requires it). */
        PRIVATE_KEY_JWT("private_key_jwt");

        private final String code;

        ClientAuth(String code) {
            this.code = code;
        }

        public String code() {
            return code;
        }

        public static ClientAuth fromCode(String code) {
            for (ClientAuth a : values()) {
                if (a.code.equals(code)) {
                    return a;
                }
            }
            throw new IllegalArgumentException("unknown client authentication " + code);
        }
    }

    public boolean hasSecret() {
        return clientSecret != null && !clientSecret.isEmpty();
    }
}
