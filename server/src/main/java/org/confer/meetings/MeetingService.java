package org.confer.meetings;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.confer.calls.LobbyPolicy;
import org.confer.chat.Conversation;
import org.confer.chat.ConversationKind;
import org.confer.chat.ConversationService;
import org.confer.db.Database;
import org.confer.events.ConversationWriter;
import org.confer.events.Outbox;
import org.confer.events.UserEvent;
import org.confer.events.UserEvent.MeetingSnapshot;
import org.confer.http.ApiException;
import org.confer.http.ProblemType;
import org.confer.http.RateLimitedException;
import org.confer.identity.OrganisationPolicy;
import org.confer.identity.Principal;
import org.confer.identity.User;
import org.confer.identity.UserDirectory;
import org.confer.limits.KeyedBudget;
import org.confer.mail.Mailer;
import org.confer.meetings.MeetingViews.MeetingView;
import org.confer.text.Fields;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Scheduling a meeting, changing it, cancelling it and answering its invitation. Each change is
 * one transaction that writes the meeting, appends the invitees' user events
 * ({@code meeting.invited}, {@code meeting.updated}, {@code meeting.cancelled}) and writes their
 * mails with .ics to the outbox, so an invitation exists exactly when the meeting does. The
 * meeting's chat is chat's: made (or joined) through {@link ConversationService}.
 */
public final class MeetingService {
    private static final Logger log = LoggerFactory.getLogger(MeetingService.class);
    /** As many as a group chat holds (ConversationService): a meeting's chat is one. */
    static final int MAX_INVITEES = 250;
    static final int MAX_TITLE = Fields.MAX_NAME;
    static final int MAX_DESCRIPTION = 4000;
    /** Schedules, changes and answers per person per minute: one per click; a script sends far more. */
    static final int CHANGES_PER_MINUTE = 60;
    private static final Set<String> ANSWERS = Set.of("accepted", "declined", "tentative");

    /** POST /api/v1/meetings. */
    public record NewMeeting(String title, String description, LocalDateTime start, LocalDateTime end, String timeZone,
                             String recurrence, List<LocalDate> exceptions, List<UUID> invitees, List<UUID> presenters,
                             UUID channelId, String lobby, String media) {}

    /** PATCH /api/v1/meetings/{id}: what is absent stays; an empty recurrence ends the repetition. */
    public record MeetingChanges(String title, String description, LocalDateTime start, LocalDateTime end, String timeZone,
                                 String recurrence, List<LocalDate> exceptions, List<UUID> invitees, List<UUID> presenters,
                                 String lobby, String media) {}

    private final Database db;
    private final ConversationWriter writer;
    private final MeetingStore store;
    private final MeetingGuard guard;
    private final ConversationService conversations;
    private final UserDirectory users;
    private final Mailer mailer;
    private final MeetingMail mails;
    private final KeyedBudget<UUID> budget;
    private final OrganisationPolicy crossOrganisation;

    public MeetingService(Database db, ConversationWriter writer, MeetingStore store, MeetingGuard guard,
                          ConversationService conversations, UserDirectory users, OrganisationPolicy crossOrganisation,
                          Mailer mailer, MeetingMail mails, Clock clock) {
        this.crossOrganisation = crossOrganisation;
        this.db = db;
        this.writer = writer;
        this.store = store;
        this.guard = guard;
        this.conversations = conversations;
        this.users = users;
        this.mailer = mailer;
        this.mails = mails;
        this.budget = new KeyedBudget<>(CHANGES_PER_MINUTE, Duration.ofMinutes(1), clock, 500_000);
    }

    public MeetingView create(Principal who, NewMeeting req) {
        String title = Fields.required("title", req.title(), MAX_TITLE);
        String description = Fields.multiline("description", req.description(), MAX_DESCRIPTION);
        Schedule schedule = Schedule.of(req.timeZone(), req.start(), req.end(), req.recurrence(), req.exceptions());
        List<UUID> invitees = invitees(who, req.invitees(), req.channelId() != null);
        requireAllowed(who, List.of(), invitees, req.channelId());
        Set<UUID> presenters = presenters(req.presenters(), invitees);
        LobbyPolicy lobby = lobby(req.lobby(), LobbyPolicy.ORGANISATION);
        String media = media(req.media(), "video");
        take(who);
        UUID conversationId = req.channelId() != null ? channel(who, req.channelId()).id()
                : conversations.createMeetingChat(who, invitees, title).id();
        return writer.write(tx -> {
            Meeting m = new Meeting(UUID.randomUUID(), who.userId(), who.organisationId(), conversationId, req.channelId(), title,
                    description, schedule, lobby, media, 0, null, tx.now(), tx.now());
            store.insert(tx.dsl(), m, schedule.lastEnd());
            List<Invitee> invited = new ArrayList<>();
            for (UUID id : invitees) {
                store.invite(tx.dsl(), m.id(), id, presenters.contains(id));
                invited.add(new Invitee(id, presenters.contains(id), Invitee.NEEDS_ACTION, null));
            }
            tell(tx, MeetingMail.Kind.INVITED, m, invited, invited);
            return MeetingViews.view(m, invited, who.userId(), mails.link(m.id()));
        });
    }

    public MeetingView update(Principal who, UUID meetingId, MeetingChanges req) {
        Meeting before = guard.requireOrganiser(who, meetingId);
        if (before.cancelled()) {
            throw new ApiException(ProblemType.CONFLICT, "This meeting was cancelled");
        }
        String title = req.title() == null ? before.title() : Fields.required("title", req.title(), MAX_TITLE);
        String description = req.description() == null ? before.description()
                : Fields.multiline("description", req.description(), MAX_DESCRIPTION);
        Schedule old = before.schedule();
        Schedule schedule = Schedule.of(req.timeZone() == null ? old.zone().getId() : req.timeZone(),
                req.start() == null ? old.start() : req.start(), req.end() == null ? old.end() : req.end(),
                req.recurrence() == null ? old.rrule() : req.recurrence(),
                req.exceptions() != null ? req.exceptions()
                        : req.recurrence() != null && req.recurrence().isBlank() ? List.of() : List.copyOf(old.exceptions()));
        List<Invitee> current = store.invitees(db.dsl(), meetingId);
        List<UUID> invitees = req.invitees() == null ? current.stream().map(Invitee::userId).toList()
                : invitees(who, req.invitees(), before.channelId() != null);
        requireAllowed(who, invitees, invitees.stream().filter(id -> current.stream().noneMatch(i -> i.userId().equals(id))).toList(),
                before.channelId());
        Set<UUID> presenters = req.presenters() != null ? presenters(req.presenters(), invitees)
                : presenters(current.stream().filter(Invitee::presenter).map(Invitee::userId).filter(invitees::contains).toList(), invitees);
        LobbyPolicy lobby = lobby(req.lobby(), before.lobby());
        String media = media(req.media(), before.media());
        boolean rescheduled = !schedule.equals(old);
        take(who);
        List<UUID> added = new ArrayList<>();
        List<UUID> removed = new ArrayList<>();
        MeetingView view = writer.write(tx -> {
            Meeting locked = store.lock(tx.dsl(), meetingId).orElseThrow(MeetingGuard::notFound);
            Meeting m = new Meeting(locked.id(), locked.organiserId(), locked.organisationId(), locked.conversationId(),
                    locked.channelId(), title, description, schedule, lobby, media, locked.sequence() + 1, null, locked.createdAt(), tx.now());
            store.update(tx.dsl(), m, schedule.lastEnd());
            Map<UUID, Invitee> was = new HashMap<>();
            store.invitees(tx.dsl(), meetingId).forEach(i -> was.put(i.userId(), i));
            List<Invitee> newcomers = new ArrayList<>();
            List<Invitee> staying = new ArrayList<>();
            for (UUID id : invitees) {
                Invitee prior = was.remove(id);
                if (prior == null) {
                    store.invite(tx.dsl(), meetingId, id, presenters.contains(id));
                    newcomers.add(new Invitee(id, presenters.contains(id), Invitee.NEEDS_ACTION, null));
                    added.add(id);
                } else if (rescheduled) {
                    // A new time asks everyone again (RFC 5546 3.2.2: the organiser may reset PARTSTAT),
                    // as Outlook does: "accepted" was an answer about the old time.
                    store.setPresenter(tx.dsl(), meetingId, id, presenters.contains(id));
                    store.answer(tx.dsl(), meetingId, id, Invitee.NEEDS_ACTION, null);
                    staying.add(new Invitee(id, presenters.contains(id), Invitee.NEEDS_ACTION, null));
                } else {
                    store.setPresenter(tx.dsl(), meetingId, id, presenters.contains(id));
                    staying.add(new Invitee(id, presenters.contains(id), prior.rsvp(), prior.respondedAt()));
                }
            }
            List<Invitee> all = new ArrayList<>(staying);
            all.addAll(newcomers);
            for (Invitee gone : was.values()) {
                store.uninvite(tx.dsl(), meetingId, gone.userId());
                removed.add(gone.userId());
                // The one taken off gets a cancellation naming only them, as iTIP does for a removed attendee.
                tell(tx, MeetingMail.Kind.CANCELLED, m, List.of(gone), List.of(gone));
            }
            tell(tx, MeetingMail.Kind.UPDATED, m, staying, all);
            tell(tx, MeetingMail.Kind.INVITED, m, newcomers, all);
            return MeetingViews.view(m, all, who.userId(), mails.link(m.id()));
        });
        if (before.channelId() == null) {
            followInvitees(who, before.conversationId(), added, removed);
        }
        return view;
    }

    /** Cancels every occurrence; idempotent. */
    public void cancel(Principal who, UUID meetingId) {
        Meeting before = guard.requireOrganiser(who, meetingId);
        if (before.cancelled()) {
            return;
        }
        take(who);
        writer.write(tx -> {
            Meeting locked = store.lock(tx.dsl(), meetingId).orElseThrow(MeetingGuard::notFound);
            if (locked.cancelled()) {
                return null;
            }
            Meeting m = new Meeting(locked.id(), locked.organiserId(), locked.organisationId(), locked.conversationId(),
                    locked.channelId(), locked.title(), locked.description(), locked.schedule(), locked.lobby(), locked.media(),
                    locked.sequence() + 1, tx.now(), locked.createdAt(), tx.now());
            store.update(tx.dsl(), m, locked.schedule().lastEnd());
            List<Invitee> invitees = store.invitees(tx.dsl(), meetingId);
            tell(tx, MeetingMail.Kind.CANCELLED, m, invitees, invitees);
            return null;
        });
    }

    /** An invitee's answer: accepted, declined or tentative. Only people invited by name answer. */
    public MeetingView answer(Principal who, UUID meetingId, String response) {
        Meeting m = guard.requireVisible(who, meetingId);
        if (response == null || !ANSWERS.contains(response)) {
            throw ApiException.invalid("response", "'response' must be accepted, declined or tentative");
        }
        if (m.cancelled()) {
            throw new ApiException(ProblemType.CONFLICT, "This meeting was cancelled");
        }
        take(who);
        return writer.write(tx -> {
            if (!store.answer(tx.dsl(), meetingId, who.userId(), response, tx.now())) {
                throw ApiException.forbidden("Only people invited by name answer an invitation");
            }
            return MeetingViews.view(m, store.invitees(tx.dsl(), meetingId), who.userId(), mails.link(m.id()));
        });
    }

    /** Events and mails of one change to {@code recipients}; {@code attendees} are the ATTENDEEs their .ics lists. */
    private void tell(Outbox tx, MeetingMail.Kind kind, Meeting m, List<Invitee> recipients, List<Invitee> attendees) {
        if (recipients.isEmpty()) {
            return;
        }
        Map<UUID, User> people = new HashMap<>();
        User organiser = users.activeUser(m.organiserId()).orElseThrow(() -> ApiException.forbidden("Your account is not active"));
        for (Invitee i : attendees) {
            users.activeUser(i.userId()).ifPresent(u -> people.put(u.id(), u));
        }
        for (Invitee i : recipients) {
            users.activeUser(i.userId()).ifPresent(u -> people.put(u.id(), u));
        }
        for (Invitee r : recipients) {
            tx.toUser(r.userId(), switch (kind) {
                case INVITED -> new UserEvent.MeetingInvited(snapshot(m), m.organiserId());
                case UPDATED -> new UserEvent.MeetingUpdated(snapshot(m), m.organiserId());
                case CANCELLED -> new UserEvent.MeetingCancelled(m.id(), m.title(), m.organiserId());
            });
            User to = people.get(r.userId());
            if (to != null) { // a disabled account gets no mail
                mailer.send(tx.dsl(), mails.mail(kind, m, organiser, to, attendees, people, tx.now().toInstant()), tx.now());
            }
        }
    }

    static MeetingSnapshot snapshot(Meeting m) {
        Schedule s = m.schedule();
        return new MeetingSnapshot(m.id(), m.title(), m.organiserId(), m.conversationId(), s.firstStart().toOffsetDateTime(),
                s.firstEnd().toOffsetDateTime(), s.zone().getId(), s.rrule(), m.sequence());
    }

    /**
     * A group meeting's chat follows its invitees: people added are added to it, people taken off
     * are removed (the organiser started it, so chat lets them). Done after the meeting's own
     * transaction through chat's service; a failure (the organiser left the chat) is logged and
     * leaves the meeting as changed.
     */
    private void followInvitees(Principal organiser, UUID conversationId, List<UUID> added, List<UUID> removed) {
        for (UUID id : added) {
            try {
                conversations.addMember(organiser, conversationId, id);
            } catch (ApiException | RateLimitedException e) {
                log.info("meeting chat {}: could not add an invitee: {}", conversationId, e.getMessage());
            }
        }
        for (UUID id : removed) {
            try {
                conversations.removeMember(organiser, conversationId, id);
            } catch (ApiException | RateLimitedException e) {
                log.info("meeting chat {}: could not remove a former invitee: {}", conversationId, e.getMessage());
            }
        }
    }

    /** The channel's id, if it is a channel {@code who} is in and can write to; 400 otherwise (their channel or nothing). */
    private Conversation channel(Principal who, UUID channelId) {
        Conversation c;
        try {
            c = conversations.conversation(who, channelId);
        } catch (ApiException notAMember) {
            throw ApiException.invalid("channelId", "'channelId' must be a channel you are a member of");
        }
        if (c.kind() != ConversationKind.CHANNEL) {
            throw ApiException.invalid("channelId", "'channelId' must be a channel you are a member of");
        }
        if (c.archived()) {
            throw new ApiException(ProblemType.CONFLICT, "This channel is archived and read-only");
        }
        return c;
    }

    /** Distinct active people other than the organiser; at least one unless the channel's members are invited. */
    private List<UUID> invitees(Principal who, List<UUID> requested, boolean channelMeeting) {
        LinkedHashSet<UUID> ids = new LinkedHashSet<>(requested == null ? List.of() : requested);
        ids.remove(null);
        ids.remove(who.userId());
        if (ids.isEmpty() && !channelMeeting) {
            throw ApiException.invalid("invitees", "Invite at least one person (or hold the meeting in a channel)");
        }
        if (ids.size() > MAX_INVITEES) {
            throw ApiException.invalid("invitees", "A meeting has at most " + MAX_INVITEES + " invitees by name; hold a bigger one in a channel");
        }
        for (UUID id : ids) {
            if (users.activeUser(id).isEmpty()) {
                throw ApiException.invalid("invitees", "No such active user: " + id);
            }
        }
        return List.copyOf(ids);
    }

    /**
     * The cross-organisation policy for invitees by name (docs/organisation-policy.md): each new
     * invitee must be allowed with the organiser and everyone invited, in the channel's team when
     * the meeting is a channel's. A meeting's own chat checks again as people join it.
     */
    private void requireAllowed(Principal who, List<UUID> invited, List<UUID> newcomers, UUID channelId) {
        if (newcomers.isEmpty()) {
            return;
        }
        UUID teamId = channelId == null ? null : channel(who, channelId).teamId();
        Set<UUID> present = new java.util.HashSet<>(crossOrganisation.organisationsOf(db.dsl(), invited));
        present.add(who.organisationId());
        crossOrganisation.requireTogether(db.dsl(), present, crossOrganisation.organisationsOf(db.dsl(), newcomers), teamId);
    }

    private static Set<UUID> presenters(List<UUID> requested, List<UUID> invitees) {
        Set<UUID> out = new LinkedHashSet<>(requested == null ? List.of() : requested);
        out.remove(null);
        if (!invitees.containsAll(out)) {
            throw ApiException.invalid("presenters", "Presenters must be among the invitees");
        }
        return out;
    }

    private static LobbyPolicy lobby(String code, LobbyPolicy otherwise) {
        if (code == null) {
            return otherwise;
        }
        try {
            return LobbyPolicy.fromCode(code);
        } catch (IllegalArgumentException e) {
            throw ApiException.invalid("lobby", "'lobby' must be everyone, organisation or invitees");
        }
    }

    private static String media(String media, String otherwise) {
        if (media == null) {
            return otherwise;
        }
        if (!media.equals("video") && !media.equals("audio")) {
            throw ApiException.invalid("media", "'media' must be video or audio");
        }
        return media;
    }

    private void take(Principal who) {
        budget.tryTake(who.userId()).ifPresent(seconds -> {
            throw new RateLimitedException("Too many meeting changes: at most " + CHANGES_PER_MINUTE
                    + " a minute; try again in " + seconds + " s", seconds);
        });
    }
}
