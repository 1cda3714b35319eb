package org.confer.visits;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.confer.audit.AuditTrail;
import org.confer.db.Database;
import org.confer.http.ApiException;
import org.confer.http.ProblemType;
import org.confer.http.RateLimitedException;
import org.confer.limits.KeyedBudget;
import org.confer.mail.Mailer;
import org.confer.visits.VisitViews.Booked;
import org.confer.visits.VisitViews.PublicCalendar;
import org.confer.visits.VisitViews.PublicField;
import org.confer.visits.VisitViews.SlotView;
import org.jooq.DSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The public booking page's side (docs/virtual-visits.md, "Abuse controls" and "On booking"): a
 * published calendar's face and slots, and booking. A booking is one transaction — the visit,
 * its place, its two links, its reminders, the confirmation mail and the audit entry — then the
 * ward channel's notice (owed until posted; the reminders tick posts what a failure left).
 */
public final class Bookings {
    private static final Logger log = LoggerFactory.getLogger(Bookings.class);
    /** docs/virtual-visits.md: "8 characters of 23456789ABCDEFGHJKMNPQRSTUVWXYZ" (no 0/O, 1/I/L). */
    static final String REFERENCE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";
    static final int MAX_SLOT_DAYS = 14;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Database db;
    private final VisitStore store;
    private final Places places;
    private final Mailer mailer;
    private final VisitMail mail;
    private final WardNotices notices;
    /** Built on first use: its key is a server secret, readable only once the database is migrated. */
    private final java.util.function.Supplier<ProofOfWork> work;
    private final AuditTrail audit;
    private final Clock clock;
    /** 10 bookings an hour per client address. */
    private final KeyedBudget<String> perAddress;
    /** 3 bookings a day per visitor email (lower-cased). */
    private final KeyedBudget<String> perEmail;
    /** 60 slot lists a minute per client address. */
    private final KeyedBudget<String> slotLists;

    public Bookings(Database db, VisitStore store, Places places, Mailer mailer, VisitMail mail, WardNotices notices,
                    java.util.function.Supplier<ProofOfWork> work, AuditTrail audit, Clock clock) {
        this.db = db;
        this.store = store;
        this.places = places;
        this.mailer = mailer;
        this.mail = mail;
        this.notices = notices;
        this.work = work;
        this.audit = audit;
        this.clock = clock;
        this.perAddress = new KeyedBudget<>(10, Duration.ofHours(1), clock, 100_000);
        this.perEmail = new KeyedBudget<>(3, Duration.ofDays(1), clock, 100_000);
        this.slotLists = new KeyedBudget<>(60, Duration.ofMinutes(1), clock, 100_000);
    }

    /** A published calendar by its slug; 404 for an unknown or unpublished one (the same answer). */
    VisitCalendar published(String slug) {
        return store.calendarBySlug(db.dsl(), slug == null ? "" : slug.toLowerCase(Locale.ROOT))
                .filter(VisitCalendar::published).orElseThrow(() -> ApiException.notFound("Booking page"));
    }

    public PublicCalendar face(String slug) {
        VisitCalendar c = published(slug);
        return new PublicCalendar(c.slug(), c.name(), store.teamName(db.dsl(), c.teamId()).orElse(c.name()), c.durationMinutes(),
                c.fields().stream().map(f -> new PublicField(f.name(), f.label(), f.required())).toList(), c.privacyNotice(),
                c.consentText());
    }

    public List<SlotView> slots(String slug, String from, int days, String address) {
        slotLists.tryTake(address).ifPresent(wait -> {
            throw new RateLimitedException("Too many slot lists from this address; try again in " + wait + " s", wait);
        });
        VisitCalendar c = published(slug);
        if (days < 1 || days > MAX_SLOT_DAYS) {
            throw ApiException.invalid("days", "'days' must be from 1 to " + MAX_SLOT_DAYS);
        }
        Instant now = clock.instant();
        LocalDate first = from == null || from.isBlank() ? LocalDate.ofInstant(now, c.zone()) : date("from", from);
        OffsetDateTime a = first.minusDays(1).atStartOfDay(c.zone()).toOffsetDateTime();
        OffsetDateTime b = first.plusDays(days + 1L).atStartOfDay(c.zone()).toOffsetDateTime();
        Map<Instant, Integer> taken = store.takenBetween(db.dsl(), c.id(), a, b);
        return Availability.slots(c.slotRules(), first, days, now, taken).stream()
                .map(s -> new SlotView(s.start().toString(), s.end().toString(), s.localDate().toString(),
                        s.localTime().toString(), s.placesLeft())).toList();
    }

    public ProofOfWork.Challenge challenge() {
        return work.get().issue();
    }

    public Booked book(String slug, BookingRequest body, String address) {
        VisitCalendar c = published(slug);
        perAddress.tryTake(address).ifPresent(wait -> {
            throw new RateLimitedException("Too many bookings from this address; try again in " + wait + " s", wait);
        });
        if (body.website() != null && !body.website().isEmpty()) {
            return honeypot(c, body, address);
        }
        BookingForm.Checked f = BookingForm.check(body, c);
        if (body.challenge() == null || body.nonce() == null || !work.get().verify(body.challenge(), body.nonce())) {
            throw new ApiException(ProblemType.CHALLENGE_FAILED,
                    "The page's security check did not complete or has expired; please try again");
        }
        perEmail.tryTake(f.visitorEmail().toLowerCase(Locale.ROOT)).ifPresent(wait -> {
            throw new RateLimitedException("This email address has booked as many visits as it may today; try again in "
                    + wait + " s", wait);
        });
        Instant now = clock.instant();
        Slot slot = bookable(c, f.slotStart(), now);
        OffsetDateTime start = slot.start().atOffset(ZoneOffset.UTC);
        OffsetDateTime end = slot.end().atOffset(ZoneOffset.UTC);
        UUID id = UUID.randomUUID();
        String joinToken = VisitTokens.newToken();
        String manageToken = VisitTokens.newToken();
        Visit booked = places.withPlace(c.id(), start, c.placesPerSlot(), (tx, place) -> {
            OffsetDateTime at = OffsetDateTime.now(clock).truncatedTo(ChronoUnit.MICROS);
            Visit v = new Visit(id, c.id(), c.organisationId(), newReference(tx), start, end, place, VisitStatus.BOOKED,
                    f.visitorName(), f.visitorEmail(), f.visitorMobile(), f.patientName(), f.answers(), at, null, null, null, null,
                    null, 0, null);
            store.insertVisit(tx, v);
            store.insertPlace(tx, c.id(), start, place, id);
            store.insertLink(tx, hash(joinToken), id, "join", "visitor", at);
            store.insertLink(tx, hash(manageToken), id, "manage", "visitor", at);
            writeReminders(tx, v, at);
            mailer.send(tx, mail.booked(v, c, mail.links(joinToken, manageToken), at.toInstant()), at);
            audit.record(tx, c.organisationId(), null, "visit.booked", "visit", id,
                    Map.of("calendar", c.slug(), "reference", v.reference(), "start", start.toString(), "place", place), at);
            return v;
        });
        notices.booked(c, booked);
        return new Booked(booked.reference(), start, end, c.name());
    }

    /** The slot at {@code start} if it can be booked now; 400 when no such slot, 409 when full. */
    Slot bookable(VisitCalendar c, Instant start, Instant now) {
        SlotRules rules = c.slotRules();
        OffsetDateTime at = start.atOffset(ZoneOffset.UTC);
        Map<Instant, Integer> taken = Map.of(start, store.countPlaces(db.dsl(), c.id(), at));
        return Availability.slotAt(rules, start, now, taken).orElseThrow(() -> {
            if (Availability.slotAt(rules, start, now, Map.of()).isPresent()) {
                return Places.slotTaken();
            }
            return ApiException.invalid("slotStart", "That time is not a slot that can be booked now; choose one from the list");
        });
    }

    /** A bot filled the hidden field: it is answered as if booked, and nothing but an audit entry is stored. */
    private Booked honeypot(VisitCalendar c, BookingRequest body, String address) {
        log.info("virtual visit booking with the honeypot filled, from {}, to calendar {}: ignored", address, c.slug());
        OffsetDateTime now = OffsetDateTime.now(clock).truncatedTo(ChronoUnit.MICROS);
        db.dsl().transaction(cfg -> audit.record(cfg.dsl(), c.organisationId(), null, "visit.honeypot", "visit_calendar", c.id(),
                Map.of("address", address), now));
        OffsetDateTime start;
        try {
            start = BookingForm.slotStart(body.slotStart()).atOffset(ZoneOffset.UTC);
        } catch (ApiException e) {
            start = now.plusDays(1);
        }
        return new Booked(randomReference(), start, start.plusMinutes(c.durationMinutes()), c.name());
    }

    /** The 24-hour and 1-hour reminders of a visit, each only when still ahead. */
    void writeReminders(DSLContext tx, Visit v, OffsetDateTime now) {
        OffsetDateTime day = v.start().minusHours(24);
        OffsetDateTime hour = v.start().minusHours(1);
        if (day.isAfter(now)) {
            store.insertReminder(tx, v.id(), "24h", day);
        }
        if (hour.isAfter(now)) {
            store.insertReminder(tx, v.id(), "1h", hour);
        }
    }

    private String newReference(DSLContext tx) {
        // 31^8 ≈ 8.5e11 references: a collision is so rare that the unique constraint (and a retry) is enough.
        String r = randomReference();
        return store.referenceExists(tx, r) ? randomReference() : r;
    }

    static String randomReference() {
        StringBuilder b = new StringBuilder(8);
        for (int i = 0; i < 8; i++) {
            b.append(REFERENCE_ALPHABET.charAt(RANDOM.nextInt(REFERENCE_ALPHABET.length())));
        }
        return b.toString();
    }

    static String hash(String token) {
        return HexFormat.of().formatHex(VisitTokens.hash(token));
    }

    static LocalDate date(String name, String value) {
        try {
            return LocalDate.parse(value);
        } catch (java.time.format.DateTimeParseException e) {
            throw ApiException.invalid(name, "'" + name + "' must be a date like 2027-01-12");
        }
    }
}
