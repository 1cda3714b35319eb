package org.confer.identity;

import io.javalin.http.Context;
import org.confer.http.ApiException;
import org.confer.http.ProblemType;

/**
 * The signed-in caller of the current request. The access guard attaches it once it has
 * checked the route's access level; routes read it here. It lives in identity, not in the HTTP
 * kernel, because a principal is an identity concept and the kernel knows no feature.
 */
public final class SignedIn {
    private static final String PRINCIPAL = "confer.principal";

    private SignedIn() {}

    /** The signed-in caller; routes with access other than PUBLIC always have one. */
    public static Principal principal(Context ctx) {
        Principal p = ctx.attribute(PRINCIPAL);
        if (p == null) {
            throw new ApiException(ProblemType.UNAUTHENTICATED, "Sign in first");
        }
        return p;
    }

    /** The caller, or null on a public route nobody signed in to (for the access log). */
    public static Principal orNull(Context ctx) {
        return ctx.attribute(PRINCIPAL);
    }

    public static void attach(Context ctx, Principal p) {
        ctx.attribute(PRINCIPAL, p);
    }
}
