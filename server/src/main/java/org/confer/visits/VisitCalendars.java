package org.confer.visits;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;
import org.confer.audit.AuditTrail;
import org.confer.bots.BotPoster;
import org.confer.bots.BuiltInBot;
import org.confer.db.Database;
import org.confer.http.ApiException;
import org.confer.http.ProblemType;
import org.confer.identity.Principal;
import org.confer.identity.UserDirectory;
import org.confer.text.Fields;
import org.confer.visits.VisitCalendar.ExceptionDay;
import org.confer.visits.VisitCalendar.Host;
import org.confer.visits.VisitCalendar.OpeningHours;
import org.confer.visits.VisitViews.CalendarView;
import org.jooq.exception.DataAccessException;

/**
 * Booking calendars: made by the team's owners and organisation admins, changed by them and
 * the calendar's visit managers, seen by the team. Hosts and managers are members of the team;
 * the notices go to one of the team's channels, which the Visits bot joins.
 */
public final class VisitCalendars {

    /**
     * POST /api/v1/visit-calendars and PATCH /api/v1/visit-calendars/{id}: on a change, absent
     * members stay as they are (a list given replaces the whole list).
     */
    public record CalendarBody(UUID teamId, UUID channelId, String slug, String name, Integer durationMinutes,
                               Integer bufferMinutes, Integer placesPerSlot, Integer bookAheadDays, Integer minNoticeMinutes,
                               List<OpeningHours> hours, List<ExceptionDay> exceptions, List<VisitField> fields,
                               String privacyNotice, String consentText, Boolean published, List<Host> hosts, List<UUID> managers) {}

    private final Database db;
    private final VisitStore store;
    private final VisitAccess access;
    private final UserDirectory users;
    private final BotPoster bots;
    private final AuditTrail audit;
    private final Clock clock;
    private final Supplier<String> baseUrl;

    public VisitCalendars(Database db, VisitStore store, VisitAccess access, UserDirectory users, BotPoster bots, AuditTrail audit,
                          Clock clock, Supplier<String> baseUrl) {
        this.db = db;
        this.store = store;
        this.access = access;
        this.users = users;
        this.bots = bots;
        this.audit = audit;
        this.clock = clock;
        this.baseUrl = baseUrl;
    }

    public List<CalendarView> list(Principal who) {
        UUID adminOf = who.administers(who.organisationId()) ? who.organisationId() : null;
        return store.calendarsFor(db.dsl(), who.userId(), adminOf).stream().map(c -> view(who, c)).toList();
    }

    public CalendarView read(Principal who, UUID id) {
        return view(who, access.calendar(who, id));
    }

    public CalendarView create(Principal who, CalendarBody b) {
        if (b == null || b.teamId() == null) {
            throw ApiException.invalid("teamId", "'teamId' is required: the ward's team");
        }
        access.requireTeamOwner(who, b.teamId(), who.organisationId());
        OffsetDateTime now = now();
        VisitCalendar c = checked(new VisitCalendar(UUID.randomUUID(), who.organisationId(), b.teamId(), b.channelId(), b.slug(),
                b.name(), VisitCalendar.LONDON, or(b.durationMinutes(), 30), or(b.bufferMinutes(), 0), or(b.placesPerSlot(), 1),
                or(b.bookAheadDays(), 14), or(b.minNoticeMinutes(), 60), b.hours(), b.exceptions(), b.fields(),
                b.privacyNotice(), b.consentText(), Boolean.TRUE.equals(b.published()), b.hosts(), b.managers(), who.userId(), now, now));
        save(who, c, true);
        return view(who, c);
    }

    public CalendarView change(Principal who, UUID id, CalendarBody b) {
        VisitCalendar old = access.managed(who, id);
        if (b == null) {
            return view(who, old);
        }
        if (b.teamId() != null && !b.teamId().equals(old.teamId())) {
            throw ApiException.invalid("teamId", "A calendar stays with its team; make a new one for another ward");
        }
        VisitCalendar c = checked(new VisitCalendar(old.id(), old.organisationId(), old.teamId(),
                b.channelId() != null ? b.channelId() : old.channelId(), b.slug() != null ? b.slug() : old.slug(),
                b.name() != null ? b.name() : old.name(), old.zone(),
                or(b.durationMinutes(), old.durationMinutes()), or(b.bufferMinutes(), old.bufferMinutes()),
                or(b.placesPerSlot(), old.placesPerSlot()), or(b.bookAheadDays(), old.bookAheadDays()),
                or(b.minNoticeMinutes(), old.minNoticeMinutes()), b.hours() != null ? b.hours() : old.hours(),
                b.exceptions() != null ? b.exceptions() : old.exceptions(), b.fields() != null ? b.fields() : old.fields(),
                b.privacyNotice() != null ? b.privacyNotice() : old.privacyNotice(),
                b.consentText() != null ? b.consentText() : old.consentText(),
                b.published() != null ? b.published() : old.published(), b.hosts() != null ? b.hosts() : old.hosts(),
                b.managers() != null ? b.managers() : old.managers(), old.createdBy(), old.createdAt(), now()));
        save(who, c, false);
        return view(who, c);
    }

    /** Every rule that does not depend on who asks; returns the calendar normalised. */
    private VisitCalendar checked(VisitCalendar c) {
        String slug = CalendarRules.slug(c.slug());
        String name = Fields.required("name", c.name(), Fields.MAX_NAME);
        int duration = CalendarRules.within("durationMinutes", c.durationMinutes(), 5, 240);
        int buffer = CalendarRules.within("bufferMinutes", c.bufferMinutes(), 0, 120);
        int places = CalendarRules.within("placesPerSlot", c.placesPerSlot(), 1, 20);
        int ahead = CalendarRules.within("bookAheadDays", c.bookAheadDays(), 1, 90);
        int notice = CalendarRules.within("minNoticeMinutes", c.minNoticeMinutes(), 0, 10_080);
        if (store.teamName(db.dsl(), c.teamId()).isEmpty()) {
            throw ApiException.invalid("teamId", "No such team");
        }
        if (c.channelId() == null || !store.isOpenChannelOf(db.dsl(), c.channelId(), c.teamId())) {
            throw ApiException.invalid("channelId", "The notices' channel must be a channel of the calendar's team");
        }
        Set<UUID> members = store.teamMembers(db.dsl(), c.teamId());
        Map<UUID, Host> hosts = new LinkedHashMap<>();
        List<Host> givenHosts = c.hosts() == null ? List.of() : c.hosts();
        for (int i = 0; i < givenHosts.size(); i++) {
            Host h = givenHosts.get(i);
            if (h == null || h.userId() == null || !members.contains(h.userId()) || users.activeUser(h.userId()).isEmpty()) {
                throw ApiException.invalid("hosts[" + i + "]", "A host must be an active member of the calendar's team");
            }
            hosts.put(h.userId(), h);
        }
        Set<UUID> managers = new LinkedHashSet<>();
        List<UUID> givenManagers = c.managers() == null ? List.of() : c.managers();
        for (int i = 0; i < givenManagers.size(); i++) {
            UUID m = givenManagers.get(i);
            if (m == null || !members.contains(m)) {
                throw ApiException.invalid("managers[" + i + "]", "A visit manager must be a member of the calendar's team");
            }
            managers.add(m);
        }
        if (hosts.size() > CalendarRules.MAX_PEOPLE || managers.size() > CalendarRules.MAX_PEOPLE) {
            throw ApiException.invalid(hosts.size() > CalendarRules.MAX_PEOPLE ? "hosts" : "managers",
                    "At most " + CalendarRules.MAX_PEOPLE + " hosts and " + CalendarRules.MAX_PEOPLE + " managers");
        }
        return new VisitCalendar(c.id(), c.organisationId(), c.teamId(), c.channelId(), slug, name, c.zone(), duration, buffer, places,
                ahead, notice, CalendarRules.hours(c.hours()), CalendarRules.exceptions(c.exceptions()), CalendarRules.fields(c.fields()),
                CalendarRules.text("privacyNotice", c.privacyNotice()), CalendarRules.text("consentText", c.consentText()),
                c.published(), new ArrayList<>(hosts.values()), List.copyOf(managers), c.createdBy(), c.createdAt(), c.updatedAt());
    }

    private void save(Principal who, VisitCalendar c, boolean isNew) {
        try {
            db.dsl().transaction(cfg -> {
                var tx = cfg.dsl();
                store.calendarBySlug(tx, c.slug()).filter(other -> !other.id().equals(c.id())).ifPresent(other -> {
                    throw slugTaken(c.slug());
                });
                if (isNew) {
                    store.insertCalendar(tx, c);
                } else {
                    store.updateCalendar(tx, c);
                }
                audit.record(tx, c.organisationId(), who.userId(), isNew ? "visit-calendar.created" : "visit-calendar.changed",
                        "visit_calendar", c.id(), Map.of("slug", c.slug(), "published", c.published()), c.updatedAt());
            });
        } catch (DataAccessException raced) {
            if (store.calendarBySlug(db.dsl(), c.slug()).filter(o -> !o.id().equals(c.id())).isPresent()) {
                throw slugTaken(c.slug());
            }
            throw raced;
        }
        // The bot must be in the channel to post the notices there; joining twice is a no-op.
        bots.join(bots.builtIn(c.organisationId(), BuiltInBot.VISITS), c.channelId());
    }

    private static ApiException slugTaken(String slug) {
        // Slugs are global (the public page is /book/<slug>), so the answer does not say whose it is.
        return new ApiException(ProblemType.CONFLICT, "The booking page /book/" + slug + " is taken; choose another slug",
                Map.of("field", "slug"));
    }

    private CalendarView view(Principal who, VisitCalendar c) {
        return CalendarView.of(c, store.teamName(db.dsl(), c.teamId()).orElse(""), access.manages(who, c),
                baseUrl.get() + "/book/" + c.slug());
    }

    private OffsetDateTime now() {
        return OffsetDateTime.now(clock).truncatedTo(ChronoUnit.MICROS);
    }

    private static int or(Integer value, int otherwise) {
        return value != null ? value : otherwise;
    }
}
