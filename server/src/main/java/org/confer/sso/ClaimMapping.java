package org.confer.sso;

import com.nimbusds.jwt.JWTClaimsSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.confer.http.ApiException;
import org.confer.identity.FederatedSignIn;
import org.confer.text.Fields;

/**
 * From a validated ID token to the person it names, with the organisation's claim names
 * (docs/single-sign-on.md, "Claims"). Pure: every refusal is a {@link SsoError.Failure} with its code.
 */
final class ClaimMapping {
    private ClaimMapping() {}

    static FederatedSignIn.Claims person(SsoSettings s, JWTClaimsSet claims) {
        if (s.tenantClaim() != null && !carries(claims.getClaim(s.tenantClaim()), s.tenantValue())) {
            throw new SsoError.Failure(SsoError.WRONG_TENANT, "claim " + s.tenantClaim() + " is not the configured value");
        }
        if (Boolean.FALSE.equals(claims.getClaim("email_verified"))) {
            throw new SsoError.Failure(SsoError.MISSING_EMAIL, "email_verified is false");
        }
        String email;
        try {
            email = Fields.email("email", text(claims.getClaim(s.emailClaim()))).toLowerCase(Locale.ROOT);
        } catch (ApiException e) {
            throw new SsoError.Failure(SsoError.MISSING_EMAIL, "claim " + s.emailClaim() + " is not an email address");
        }
        if (!s.domains().isEmpty() && !s.domains().contains(email.substring(email.lastIndexOf('@') + 1))) {
            throw new SsoError.Failure(SsoError.EMAIL_DOMAIN_NOT_ALLOWED, "email domain not configured");
        }
        try {
            String name = Fields.optional("name", text(claims.getClaim(s.nameClaim())), 200);
            String title = s.jobTitleClaim() == null ? null : Fields.optional("jobTitle", text(claims.getClaim(s.jobTitleClaim())), 200);
            String subject = claims.getSubject();
            if (subject == null || subject.isEmpty() || subject.length() > 255) {
                throw new SsoError.Failure(SsoError.INVALID_CLAIMS, "sub missing or longer than 255 characters");
            }
            return new FederatedSignIn.Claims(subject, email, name, title);
        } catch (ApiException e) {
            throw new SsoError.Failure(SsoError.INVALID_CLAIMS, e.getMessage());
        }
    }

    /** A string claim, or the first string of an array claim (some providers send titles as lists). */
    private static String text(Object value) {
        if (value instanceof String str) {
            return str;
        }
        if (value instanceof List<?> list && !list.isEmpty() && list.getFirst() instanceof String first) {
            return first;
        }
        return null;
    }

    /** A string equal to {@code expected}, or an array containing it (a group among the person's groups). */
    private static boolean carries(Object value, String expected) {
        if (value instanceof String str) {
            return str.equals(expected);
        }
        if (value instanceof List<?> list) {
            return list.contains(expected);
        }
        if (value instanceof Map<?, ?>) {
            return false;
        }
        return value != null && String.valueOf(value).equals(expected);
    }
}
