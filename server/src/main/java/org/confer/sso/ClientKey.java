package org.confer.sso;

import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * One key pair of an organisation's private_key_jwt client authentication (docs/single-sign-on.md,
 * "private_key_jwt"). {@code publicJwk} is published in the organisation's JWKS; {@code privateJwk}
 * never leaves the server (no view, no audit record, no log: {@link #toString} leaves it out).
 *
 * @param keyId the JWK thumbprint (RFC 7638) of the public key: the {@code kid} of the key and of the assertions it signs
 */
public record ClientKey(String keyId, UUID organisationId, String algorithm, String publicJwk, String privateJwk, State state,
                        OffsetDateTime createdAt, OffsetDateTime activatedAt) {

    /** Published before it signs ({@code NEXT}), signing ({@code ACTIVE}), published after it signed ({@code RETIRED}). */
    public enum State {
        NEXT("next"), ACTIVE("active"), RETIRED("retired");

        private final String code;

        State(String code) {
            this.code = code;
        }

        public String code() {
            return code;
        }

        static State fromCode(String code) {
            for (State s : values()) {
                if (s.code.equals(code)) {
                    return s;
                }
            }
            throw new IllegalArgumentException("unknown key state " + code);
        }
    }

    @Override
    public String toString() {
        return "ClientKey[" + keyId + " " + algorithm + " " + state.code() + " of " + organisationId + "]";
    }
}
