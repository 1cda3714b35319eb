package org.confer.identity;

import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.confer.http.ApiException;
import org.confer.db.Database;

/**
 * Sessions: issue, resolve, list and revoke. A session ends at whichever comes first: its
 * absolute expiry, an idle gap longer than the idle timeout, revocation, or its user being disabled.
 */
public final class SessionService implements StreamSessions {

    /** A just-issued session and the token that proves it (shown to the client once). */
    public record Issued(String token, Session session) {}

    /**
     * last_seen_at is written at most this often per session, so reads do not each cost a write:
     * a minute, or a quarter of the idle timeout when that is shorter (with a 1-minute idle
     * timeout, a once-a-minute write would let an active session idle out between two writes).
     */
    private final Duration touchInterval;

    private final Database db;
    private final SessionStore sessions;
    private final Tokens tokens;
    private final Clock clock;
    private final Duration idleTimeout;
    private final Duration maxAge;
    private final java.util.List<SessionEndListener> listeners = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final ResolvedSessions recent = new ResolvedSessions(System::nanoTime);

    public SessionService(Database db, SessionStore sessions, Tokens tokens, Clock clock, Duration idleTimeout, Duration maxAge) {
        this.db = db;
        this.sessions = sessions;
        this.tokens = tokens;
        this.clock = clock;
        this.idleTimeout = idleTimeout;
        this.maxAge = maxAge;
        Duration quarter = idleTimeout.dividedBy(4);
        this.touchInterval = quarter.compareTo(Duration.ofMinutes(1)) < 0 ? quarter : Duration.ofMinutes(1);
    }

    public Issued issue(UUID userId, String userAgent, String clientAddress) {
        OffsetDateTime now = OffsetDateTime.now(clock);
        String token = tokens.newToken();
        Session s = new Session(UUID.randomUUID(), userId, now, now, now.plus(maxAge), truncate(userAgent, 300), truncate(clientAddress, 64));
        sessions.insert(db.dsl(), s, Tokens.sha256Hex(token));
        return new Issued(token, s);
    }

    /** The principal for a presented token, if the session is live. */
    public Optional<Principal> resolve(String token, boolean viaCookie) {
        if (token == null || token.isEmpty() || token.length() > 128) {
            return Optional.empty();
        }
        OffsetDateTime now = OffsetDateTime.now(clock);
        String tokenHash = Tokens.sha256Hex(token);
        SessionStore.Active found = recent.get(tokenHash);
        if (found == null) {
            long stamp = recent.stamp();
            found = sessions.byTokenHash(db.dsl(), tokenHash).orElse(null);
            if (found == null) {
                return Optional.empty();
            }
            recent.remember(tokenHash, found, stamp);
        }
        Session s = found.session();
        User u = found.user();
        if (u.status() != UserStatus.ACTIVE || !now.isBefore(s.expiresAt()) || !now.isBefore(s.lastSeenAt().plus(idleTimeout))) {
            return Optional.empty();
        }
        if (!now.isBefore(s.lastSeenAt().plus(touchInterval))) {
            long stamp = recent.stamp();
            sessions.touch(db.dsl(), s.id(), now);
            recent.remember(tokenHash, new SessionStore.Active(s.withLastSeenAt(now), u), stamp);
        }
        return Optional.of(new Principal(u.id(), u.organisationId(), u.role(), s.id(), viaCookie));
    }

    /** Visit guests' sessions, which streams also carry (none until the visits feature hands them over). */
    private volatile GuestTokenResolver guests = (token, viaCookie) -> Optional.empty();

    public void useGuestSessions(GuestTokenResolver guests) {
        this.guests = guests;
    }

    /** When a person's session ends if not used again, or a guest's (a guest's stream is checked like anyone's). */
    @Override
    public Optional<java.time.Instant> liveUntil(UUID sessionId) {
        return personLiveUntil(sessionId).or(() -> guests.liveUntil(sessionId));
    }

    private Optional<java.time.Instant> personLiveUntil(UUID sessionId) {
        OffsetDateTime now = OffsetDateTime.now(clock);
        return sessions.byId(db.dsl(), sessionId)
                .filter(a -> a.user().status() == UserStatus.ACTIVE)
                .map(a -> {
                    OffsetDateTime idleEnd = a.session().lastSeenAt().plus(idleTimeout);
                    OffsetDateTime end = idleEnd.isBefore(a.session().expiresAt()) ? idleEnd : a.session().expiresAt();
                    return end.toInstant();
                })
                .filter(end -> end.isAfter(now.toInstant()));
    }

    /** Use of a session outside REST (a person active on a stream): it counts against the idle timeout like a request. */
    @Override
    public void used(UUID sessionId) {
        OffsetDateTime now = OffsetDateTime.now(clock);
        sessions.touchIfLive(db.dsl(), sessionId, now, now.minus(idleTimeout));
        recent.forgetSession(sessionId);
    }

    /** How often a session's use needs recording at most (callers may skip uses closer together). */
    public Duration touchInterval() {
        return touchInterval;
    }

    public List<Session> list(UUID userId) {
        OffsetDateTime now = OffsetDateTime.now(clock);
        // The same liveness rule as resolve(): an idle-expired session is over even though no row says so.
        return sessions.liveForUser(db.dsl(), userId, now, now.minus(idleTimeout));
    }

    public void revoke(UUID userId, UUID sessionId) {
        if (!sessions.revoke(db.dsl(), userId, sessionId, OffsetDateTime.now(clock))) {
            throw ApiException.notFound("Session");
        }
        recent.forgetUser(userId);
        listeners.forEach(l -> l.sessionEnded(userId, sessionId));
    }

    /** Ends every session of the user except {@code keep} (null: all of them). */
    public int revokeAll(UUID userId, UUID keep) {
        return revokeAll(userId, keep, tx -> {});
    }

    /**
     * Ends every session of the user except {@code keep}, in one transaction with
     * {@code alsoInTransaction} (an admin action's audit record, a new password): both commit or
     * neither does. Open streams are closed after the commit.
     */
    public int revokeAll(UUID userId, UUID keep, java.util.function.Consumer<org.jooq.DSLContext> alsoInTransaction) {
        OffsetDateTime now = OffsetDateTime.now(clock);
        int ended = db.dsl().transactionResult(cfg -> {
            int n = sessions.revokeAll(cfg.dsl(), userId, keep, now);
            alsoInTransaction.accept(cfg.dsl());
            return n;
        });
        recent.forgetUser(userId);
        listeners.forEach(l -> l.sessionsEnded(userId, keep));
        return ended;
    }

    /**
     * The user's role or status changed: sessions resolved from now on read the user afresh
     * (a demoted administrator loses the role with the next request, not seconds later).
     */
    public void userChanged(UUID userId) {
        recent.forgetUser(userId);
        listeners.forEach(l -> l.userChanged(userId));
    }

    /** Another node changed the user's sessions or role: forget what this node cached of them. */
    public void forgetCached(UUID userId) {
        recent.forgetUser(userId);
    }

    /** Registered once by the composition root (the stream gateway is built after this service). */
    public void onSessionEnd(SessionEndListener listener) {
        listeners.add(listener);
    }

    public Duration maxAge() {
        return maxAge;
    }

    private static String truncate(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max);
    }
}
