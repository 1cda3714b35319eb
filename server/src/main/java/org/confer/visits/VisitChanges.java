package org.confer.visits;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.confer.audit.AuditTrail;
import org.confer.db.Database;
import org.confer.http.ApiException;
import org.confer.http.ProblemType;
import org.confer.mail.Mailer;

/**
 * Cancelling and moving a booked visit, for the visitor (through the manage link) and for staff.
 * Each is one transaction with the visit's row locked: the place released (or the new one taken
 * first, then the old released), pending reminders deleted or rewritten, links revoked on a
 * cancellation, the mail with its calendar object (a higher SEQUENCE) and the audit entry.
 */
final class VisitChanges {
    private final Database db;
    private final VisitStore store;
    private final Places places;
    private final Bookings bookings;
    private final Mailer mailer;
    private final VisitMail mail;
    private final AuditTrail audit;
    private final Clock clock;
    /** Ends a cancelled visit's guests' part in its call, after the cancellation commits (set once by the module). */
    private volatile java.util.function.BiConsumer<UUID, java.util.List<UUID>> guestsEnded = (visit, guests) -> {};
    private final GuestStore guests = new GuestStore();

    void onGuestsEnded(java.util.function.BiConsumer<UUID, java.util.List<UUID>> listener) {
        this.guestsEnded = listener;
    }

    VisitChanges(Database db, VisitStore store, Places places, Bookings bookings, Mailer mailer, VisitMail mail, AuditTrail audit,
                 Clock clock) {
        this.db = db;
        this.store = store;
        this.places = places;
        this.bookings = bookings;
        this.mailer = mailer;
        this.mail = mail;
        this.audit = audit;
        this.clock = clock;
    }

    /** Cancels a booked visit; {@code by} is the member of staff, or null for the visitor. */
    Visit cancel(UUID visitId, UUID by, String reason) {
        java.util.List<UUID> ended = new java.util.ArrayList<>();
        Visit cancelled = db.dsl().transactionResult(cfg -> {
            var tx = cfg.dsl();
            Visit v = store.visitForUpdate(tx, visitId).orElseThrow(() -> ApiException.notFound("Visit"));
            requireBooked(v, "cancelled");
            VisitCalendar c = store.calendar(tx, v.calendarId()).orElseThrow();
            OffsetDateTime now = now();
            store.cancel(tx, v.id(), now, reason, by);
            store.releasePlace(tx, v.id(), v.start());
            store.deletePendingReminders(tx, v.id());
            store.revokeLinks(tx, v.id(), now);
            // Its guests' sessions end with it (their sockets close and they leave its call after the commit).
            ended.addAll(guests.revokeSessions(tx, v.id(), now).stream().map(GuestStore.Guest::userId).toList());
            Visit after = store.visit(tx, v.id()).orElseThrow();
            mailer.send(tx, mail.cancelled(after, c, reason, now.toInstant()), now);
            Map<String, Object> detail = new HashMap<>();
            detail.put("by", by == null ? "visitor" : "staff");
            detail.put("reference", v.reference());
            if (reason != null) {
                detail.put("reason", reason);
            }
            audit.record(tx, v.organisationId(), by, "visit.cancelled", "visit", v.id(), detail, now);
            return after;
        });
        if (!ended.isEmpty()) {
            guestsEnded.accept(visitId, ended);
        }
        return cancelled;
    }

    /** Moves a booked visit to another slot of its calendar: the new place first, then the old one freed. */
    Visit move(UUID visitId, String slotStart) {
        Visit seen = store.visit(db.dsl(), visitId).orElseThrow(() -> ApiException.notFound("Visit"));
        requireBooked(seen, "moved");
        VisitCalendar c = store.calendar(db.dsl(), seen.calendarId()).orElseThrow();
        java.time.Instant to = BookingForm.slotStart(slotStart);
        if (to.equals(seen.start().toInstant())) {
            throw ApiException.invalid("slotStart", "The visit is already at that time");
        }
        Slot slot = bookings.bookable(c, to, clock.instant());
        OffsetDateTime start = slot.start().atOffset(ZoneOffset.UTC);
        OffsetDateTime end = slot.end().atOffset(ZoneOffset.UTC);
        return places.withPlace(c.id(), start, c.placesPerSlot(), (tx, place) -> {
            Visit v = store.visitForUpdate(tx, visitId).orElseThrow(() -> ApiException.notFound("Visit"));
            requireBooked(v, "moved");
            OffsetDateTime now = now();
            // The new place first: if it is gone the visit keeps its old one (the transaction rolls back whole).
            store.insertPlace(tx, c.id(), start, place, v.id());
            store.releasePlace(tx, v.id(), v.start());
            store.move(tx, v.id(), start, end, place);
            store.deletePendingReminders(tx, v.id());
            Visit after = store.visit(tx, v.id()).orElseThrow();
            bookings.writeReminders(tx, after, now);
            mailer.send(tx, mail.moved(after, c, now.toInstant()), now);
            audit.record(tx, v.organisationId(), null, "visit.rescheduled", "visit", v.id(),
                    Map.of("reference", v.reference(), "from", v.start().toString(), "to", start.toString(), "place", place), now);
            return after;
        });
    }

    static void requireBooked(Visit v, String step) {
        if (v.status() != VisitStatus.BOOKED) {
            throw new ApiException(ProblemType.VISIT_STATE, "Visit " + v.reference() + " is " + v.status().code()
                    + "; it cannot be " + step + " now", Map.of("visitStatus", v.status().code()));
        }
    }

    private OffsetDateTime now() {
        return OffsetDateTime.now(clock).truncatedTo(ChronoUnit.MICROS);
    }
}
