package org.confer.visits;

import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.UUID;
import org.confer.db.Database;
import org.confer.http.ApiException;
import org.confer.http.RateLimitedException;
import org.confer.limits.KeyedBudget;
import org.confer.visits.VisitViews.JoinInfo;
import org.confer.visits.VisitViews.Managed;

/**
 * What a visitor does with the links of their email. A link opens its visit for its one
 * purpose: a manage token is not a join token, and a cancelled visit's links are revoked. Every
 * token that does not open a visit for this purpose — malformed, unknown, revoked, the other
 * purpose — is the same 404, so an answer tells a guesser nothing.
 */
public final class ManageLinks {
    /** The join link works from 15 minutes before the start to 15 minutes after the end. */
    static final Duration GRACE = Duration.ofMinutes(15);

    private final Database db;
    private final VisitStore store;
    private final VisitChanges changes;
    private final Clock clock;
    /** 256-bit tokens cannot be guessed; this only keeps a script from using the lookups as a load test. */
    private final KeyedBudget<String> lookups;

    ManageLinks(Database db, VisitStore store, VisitChanges changes, Clock clock) {
        this.db = db;
        this.store = store;
        this.changes = changes;
        this.clock = clock;
        this.lookups = new KeyedBudget<>(60, Duration.ofMinutes(1), clock, 100_000);
    }

    public Managed manage(String token, String address) {
        Visit v = visit(token, "manage", address);
        VisitCalendar c = store.calendar(db.dsl(), v.calendarId()).orElseThrow();
        return managed(v, c);
    }

    public void cancel(String token, String address) {
        changes.cancel(visit(token, "manage", address).id(), null, null);
    }

    public Managed reschedule(String token, String slotStart, String address) {
        Visit v = changes.move(visit(token, "manage", address).id(), slotStart);
        return managed(v, store.calendar(db.dsl(), v.calendarId()).orElseThrow());
    }

    public JoinInfo joinInfo(String token, String address) {
        Visit v = visit(token, "join", address);
        VisitCalendar c = store.calendar(db.dsl(), v.calendarId()).orElseThrow();
        OffsetDateTime opens = VisitViews.utc(v.start()).minus(GRACE);
        OffsetDateTime closes = VisitViews.utc(v.end()).plus(GRACE);
        OffsetDateTime now = OffsetDateTime.now(clock);
        String state = now.isBefore(opens) ? "early" : now.isAfter(closes) ? "closed" : "open";
        return new JoinInfo(VisitViews.utc(v.start()), VisitViews.utc(v.end()), opens, closes, c.name(), state);
    }

    private Visit visit(String token, String purpose, String address) {
        lookups.tryTake(address).ifPresent(wait -> {
            throw new RateLimitedException("Too many link look-ups from this address; try again in " + wait + " s", wait);
        });
        if (!VisitTokens.wellFormed(token)) {
            throw ApiException.notFound("Visit");
        }
        UUID id = store.visitByLink(db.dsl(), Bookings.hash(token), purpose).orElseThrow(() -> ApiException.notFound("Visit"));
        Visit v = store.visit(db.dsl(), id).orElseThrow(() -> ApiException.notFound("Visit"));
        if (v.status() == VisitStatus.CANCELLED) {
            throw ApiException.notFound("Visit");
        }
        return v;
    }

    private static Managed managed(Visit v, VisitCalendar c) {
        return new Managed(v.reference(), VisitViews.utc(v.start()), VisitViews.utc(v.end()), v.status().code(), c.name(), c.slug());
    }
}
