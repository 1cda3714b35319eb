package org.confer.identity;

import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;

/**
 * Finds the session behind a request: {@code Authorization: Bearer <token>} for API clients and
 * bots, or the HttpOnly session cookie for browsers. Cookie-authenticated unsafe requests must
 * also carry the CSRF token (header {@value #CSRF_HEADER}), which is derived from the session
 * token, handed to the client at sign-in, and readable by the page from the {@value #CSRF_COOKIE}
 * cookie. Another site can neither read that cookie nor forge the header.
 */
public final class Authenticator {
    public static final String SESSION_COOKIE = "confer_session";
    public static final String CSRF_COOKIE = "confer_csrf";
    public static final String CSRF_HEADER = "X-CSRF-Token";
    /** A visit guest's session cookie: sent by the browser only to the guest paths. */
    public static final String GUEST_COOKIE = "confer_guest";
    /** Where guests act (REST and the two WebSockets); the only place guest credentials are read. */
    public static final String GUEST_PATH = "/api/v1/guest";

    /** How a request presented credentials. */
    public sealed interface Credentials {
        record None() implements Credentials {}
        record Bearer(String token) implements Credentials {}
        record Cookie(String token) implements Credentials {}
    }

    private final SessionService sessions;
    private final boolean secureCookies;
    /** Bot tokens (cb_...): none until the composition root hands over the bots feature's resolver. */
    private volatile BotTokenResolver botTokens = token -> Optional.empty();

    public Authenticator(SessionService sessions, boolean secureCookies) {
        this.sessions = sessions;
        this.secureCookies = secureCookies;
    }

    /** Visit guests' tokens (cg_...): none until the composition root hands over the visits feature's resolver. */
    private volatile GuestTokenResolver guestTokens = (token, viaCookie) -> Optional.empty();

    /** Called once by the composition root, after the visits feature is built. */
    public void useGuestTokens(GuestTokenResolver resolver) {
        this.guestTokens = resolver;
    }

    /** Called once by the composition root, after the bots feature is built. */
    public void useBotTokens(BotTokenResolver resolver) {
        this.botTokens = resolver;
    }

    public static Credentials credentials(Context ctx) {
        String auth = ctx.header("Authorization");
        if (auth != null) {
            if (auth.regionMatches(true, 0, "Bearer ", 0, 7)) {
                return new Credentials.Bearer(auth.substring(7).trim());
            }
            return new Credentials.Bearer("");
        }
        String cookie = ctx.cookie(SESSION_COOKIE);
        if (cookie != null && !cookie.isEmpty()) {
            return new Credentials.Cookie(cookie);
        }
        return new Credentials.None();
    }

    /** The principal for the request's credentials, if they name a live session. */
    public Optional<Principal> authenticate(Credentials credentials) {
        return switch (credentials) {
            case Credentials.None n -> Optional.empty();
            case Credentials.Bearer b -> b.token().startsWith(BotTokenResolver.PREFIX)
                    ? botTokens.resolve(b.token()) : sessions.resolve(b.token(), false);
            case Credentials.Cookie c -> sessions.resolve(c.token(), true);
        };
    }

    /**
     * A guest's credentials, read only at the guest paths: {@code Authorization: Bearer cg_…} or the
     * {@value #GUEST_COOKIE} cookie. Staff credentials are not read there (a nurse's browser opening
     * a relative's link acts as the guest), so a staff cookie or token is simply absent.
     */
    public static Credentials guestCredentials(Context ctx) {
        String auth = ctx.header("Authorization");
        if (auth != null) {
            boolean bearer = auth.regionMatches(true, 0, "Bearer ", 0, 7);
            String token = bearer ? auth.substring(7).trim() : "";
            return token.startsWith(GuestTokenResolver.PREFIX) ? new Credentials.Bearer(token) : new Credentials.None();
        }
        String cookie = ctx.cookie(GUEST_COOKIE);
        return cookie != null && cookie.startsWith(GuestTokenResolver.PREFIX) ? new Credentials.Cookie(cookie) : new Credentials.None();
    }

    /** The guest behind guest credentials, while its session is live. */
    public Optional<Principal> authenticateGuest(Credentials credentials) {
        return switch (credentials) {
            case Credentials.None n -> Optional.empty();
            case Credentials.Bearer b -> guestTokens.resolve(b.token(), false);
            case Credentials.Cookie c -> guestTokens.resolve(c.token(), true);
        };
    }

    /** The guest cookie: HttpOnly, only for the guest paths, never sent from another site. */
    public void setGuestCookie(Context ctx, String token, Duration maxAge) {
        String secure = secureCookies ? "; Secure" : "";
        ctx.res().addHeader("Set-Cookie", GUEST_COOKIE + "=" + token + "; Path=" + GUEST_PATH + "; Max-Age="
                + Math.max(0, maxAge.toSeconds()) + "; HttpOnly; SameSite=Strict" + secure);
    }

    /** True when the request may proceed as far as CSRF is concerned. */
    public static boolean csrfSatisfied(Context ctx, Credentials credentials) {
        if (!(credentials instanceof Credentials.Cookie(String token))) {
            return true;
        }
        return switch (ctx.method().name()) {
            case "GET", "HEAD", "OPTIONS" -> true;
            default -> Tokens.same(ctx.header(CSRF_HEADER), csrfTokenFor(token));
        };
    }

    /** The CSRF token that goes with a session token; unguessable without the session token. */
    public static String csrfTokenFor(String sessionToken) {
        byte[] digest = Tokens.sha256(("confer-csrf:" + sessionToken).getBytes(StandardCharsets.UTF_8));
        return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
    }

    public void setSessionCookies(Context ctx, String token, Duration maxAge) {
        long seconds = maxAge.toSeconds();
        String secure = secureCookies ? "; Secure" : "";
        ctx.res().addHeader("Set-Cookie", SESSION_COOKIE + "=" + token + "; Path=/; Max-Age=" + seconds
                + "; HttpOnly; SameSite=Lax" + secure);
        ctx.res().addHeader("Set-Cookie", CSRF_COOKIE + "=" + csrfTokenFor(token) + "; Path=/; Max-Age=" + seconds
                + "; SameSite=Lax" + secure);
    }

    public void clearSessionCookies(Context ctx) {
        String secure = secureCookies ? "; Secure" : "";
        ctx.res().addHeader("Set-Cookie", SESSION_COOKIE + "=; Path=/; Max-Age=0; HttpOnly; SameSite=Lax" + secure);
        ctx.res().addHeader("Set-Cookie", CSRF_COOKIE + "=; Path=/; Max-Age=0; SameSite=Lax" + secure);
    }
}
