package org.confer.sso;

/**
 * Why a single sign-on attempt failed: the stable code the sign-in page receives in its URL
 * fragment ({@code /#sso-error=<code>}) and the audit trail records (action
 * {@code sso.sign_in_failed}, detail {@code reason}). Never the provider's own message, which may
 * carry anything (docs/single-sign-on.md, "Error codes").
 */
public enum SsoError {
    /** No enabled single sign-on for that organisation code or email domain. */
    NOT_CONFIGURED("not-configured"),
    /** The state is unknown, used already, expired, or the flow was started in another browser. */
    INVALID_STATE("invalid-state"),
    /** The person cancelled at the provider, or the provider refused to sign them in. */
    PROVIDER_REFUSED("provider-refused"),
    /** Discovery, the token endpoint or the keys could not be reached or read. */
    PROVIDER_UNAVAILABLE("provider-unavailable"),
    /** The provider did not exchange the code for tokens (wrong client secret, code reused). */
    TOKEN_EXCHANGE_FAILED("token-exchange-failed"),
    /** The ID token's signature is not one of the provider's keys. */
    BAD_SIGNATURE("bad-signature"),
    WRONG_ISSUER("wrong-issuer"),
    WRONG_AUDIENCE("wrong-audience"),
    TOKEN_EXPIRED("token-expired"),
    NONCE_MISMATCH("nonce-mismatch"),
    /** Anything else wrong with the ID token (issued in the future, unsigned, malformed). */
    INVALID_TOKEN("invalid-token"),
    /** The tenant (or other configured) claim does not have the configured value. */
    WRONG_TENANT("wrong-tenant"),
    /** No usable email in the configured claim, or the provider says it is not verified. */
    MISSING_EMAIL("missing-email"),
    /** The email's domain is not one of the organisation's single sign-on domains. */
    EMAIL_DOMAIN_NOT_ALLOWED("email-domain-not-allowed"),
    /** The name or job title claim breaks the field rules (control or invisible characters, too long). */
    INVALID_CLAIMS("invalid-claims"),
    ACCOUNT_DISABLED("account-disabled"),
    /** The email belongs to a person of another organisation. */
    OTHER_ORGANISATION("other-organisation"),
    /** No account has the email and just-in-time provisioning is off. */
    NO_ACCOUNT("no-account"),
    /** A new account's name would imitate another person's or a bot's. */
    LOOKALIKE_NAME("lookalike-name"),
    /**
     * The email belongs to a person this issuer already linked to another subject: a new
     * identity at the provider claiming it (account takeover guard) until an admin unlinks.
     */
    LINKED_TO_ANOTHER_IDENTITY("linked-to-another-identity");

    private final String code;

    SsoError(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }

    static SsoError ofCode(String code) {
        for (SsoError e : values()) {
            if (e.code.equals(code)) {
                return e;
            }
        }
        throw new IllegalArgumentException(code);
    }

    /** A failed step of the flow; {@code organisationId} is null until the state names one. */
    static final class Failure extends RuntimeException {
        final SsoError error;
        /** The account the refusal protected, if any (recorded in the audit detail). */
        final java.util.UUID userId;

        Failure(SsoError error, String logDetail) {
            this(error, logDetail, null);
        }

        Failure(SsoError error, String logDetail, java.util.UUID userId) {
            super(logDetail, null, false, false);
            this.error = error;
            this.userId = userId;
        }
    }
}
