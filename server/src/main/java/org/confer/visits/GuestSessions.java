package org.confer.visits;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.confer.db.Database;
import org.confer.http.ApiException;
import org.confer.http.ProblemType;
import org.confer.http.RateLimitedException;
import org.confer.identity.Authenticator;
import org.confer.identity.GuestPass;
import org.confer.identity.GuestTokenResolver;
import org.confer.identity.Principal;
import org.confer.limits.KeyedBudget;
import org.confer.text.Fields;
import org.jooq.DSLContext;

/**
 * Visit guests and their sessions (docs/virtual-visits.md, "Joining"): a join link, in its window,
 * is exchanged for a guest session; the guest's account is made on the link's first exchange. A
 * guest session is read only at the guest paths (the authenticator asks this resolver there
 * alone) and ends at the visit's end plus the grace period, or when the visit is cancelled.
 */
public final class GuestSessions implements GuestTokenResolver {
    static final int MAX_NAME = 100;

    /** A session just made: its token (shown once), the CSRF value that goes with it, and until when it lasts. */
    public record Exchanged(String token, UUID guestId, String csrf, OffsetDateTime expiresAt, Duration lifetime) {}

    private final Database db;
    private final VisitStore visits;
    private final GuestStore guests;
    private final Clock clock;
    /** 256-bit links cannot be guessed; this keeps a script from using the exchange as a load test. */
    private final KeyedBudget<String> exchanges;

    GuestSessions(Database db, VisitStore visits, GuestStore guests, Clock clock) {
        this.db = db;
        this.visits = visits;
        this.guests = guests;
        this.clock = clock;
        this.exchanges = new KeyedBudget<>(60, Duration.ofMinutes(1), clock, 100_000);
    }

    /** Exchanges a join link for a guest session: 404 for an unknown, revoked or cancelled link; 409 outside the window. */
    public Exchanged exchange(String linkToken, String name, String address) {
        exchanges.tryTake(address).ifPresent(wait -> {
            throw new RateLimitedException("Too many attempts from this address; try again in " + wait + " s", wait);
        });
        String typed = Fields.required("name", name, MAX_NAME);
        if (linkToken == null || !VisitTokens.wellFormed(linkToken)) {
            throw ApiException.notFound("Visit");
        }
        String linkHash = Bookings.hash(linkToken);
        GuestStore.JoinLink link = guests.joinLink(db.dsl(), linkHash).orElseThrow(() -> ApiException.notFound("Visit"));
        Visit v = visits.visit(db.dsl(), link.visitId()).filter(x -> x.status() != VisitStatus.CANCELLED)
                .orElseThrow(() -> ApiException.notFound("Visit"));
        OffsetDateTime now = OffsetDateTime.now(clock);
        requireOpen(v, now);
        String token = PREFIX + VisitTokens.newToken();
        OffsetDateTime expires = closes(v);
        UUID guestId = db.dsl().transactionResult(cfg -> {
            DSLContext tx = cfg.dsl();
            Optional<GuestStore.Guest> known = guests.guestOfLink(tx, linkHash);
            GuestStore.Guest g = new GuestStore.Guest(known.map(GuestStore.Guest::userId).orElseGet(UUID::randomUUID), v.id(),
                    link.role(), typed);
            if (known.isEmpty()) {
                guests.insertGuest(tx, g, v.organisationId(), linkHash, now);
            } else if (!known.get().name().equals(typed)) {
                guests.rename(tx, g, now);
            }
            guests.insertSession(tx, UUID.randomUUID(), Bookings.hash(token), g.userId(), now, expires);
            return g.userId();
        });
        return new Exchanged(token, guestId, Authenticator.csrfTokenFor(token), expires, Duration.between(now, expires));
    }

    @Override
    public Optional<Principal> resolve(String token, boolean viaCookie) {
        if (token == null || !token.startsWith(PREFIX) || !VisitTokens.wellFormed(token.substring(PREFIX.length()))) {
            return Optional.empty();
        }
        return guests.liveSession(db.dsl(), Bookings.hash(token), OffsetDateTime.now(clock))
                .map(s -> Principal.ofGuest(s.guest().userId(), s.organisationId(), s.sessionId(), viaCookie,
                        new GuestPass(s.guest().visitId(), s.expiresAt().toInstant())));
    }

    @Override
    public Optional<Instant> liveUntil(UUID sessionId) {
        return guests.liveUntil(db.dsl(), sessionId, OffsetDateTime.now(clock)).map(OffsetDateTime::toInstant);
    }

    static OffsetDateTime opens(Visit v) {
        return VisitViews.utc(v.start()).minus(ManageLinks.GRACE);
    }

    static OffsetDateTime closes(Visit v) {
        return VisitViews.utc(v.end()).plus(ManageLinks.GRACE);
    }

    /** 409 visit-not-open outside the visit's window (with when it opens and closes). */
    static void requireOpen(Visit v, OffsetDateTime now) {
        if (now.isBefore(opens(v)) || now.isAfter(closes(v))) {
            throw new ApiException(ProblemType.VISIT_NOT_OPEN, now.isBefore(opens(v))
                    ? "The visit opens 15 minutes before it starts" : "This visit has ended",
                    Map.of("opensAt", opens(v).toInstant().toString(), "closesAt", closes(v).toInstant().toString()));
        }
    }
}
