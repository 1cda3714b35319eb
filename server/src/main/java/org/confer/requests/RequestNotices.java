package org.confer.requests;

import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.confer.bots.BotPoster;
import org.confer.bots.BuiltInBot;
import org.confer.clinical.NhsNumber;
import org.confer.events.MessageCard;
import org.confer.http.ApiException;
import org.confer.identity.User;
import org.confer.identity.UserDirectory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the Requests bot says: the queue card of a request (posted when it is filed, replaced at
 * each step) and the direct messages to the requester and the lead. Each runs after the step's
 * transaction has committed, as its own chat write; every post carries a client id made from the
 * request and the step, so a retried step never posts twice.
 */
final class RequestNotices {
    /**
     * Times in messages are wall-clock times on the ward. Confer has no per-organisation zone yet;
     * its users are NHS teams, so London time (as meetings default to) until one exists.
     */
    static final ZoneId WARD_TIME = ZoneId.of("Europe/London");
    private static final DateTimeFormatter HOUR = DateTimeFormatter.ofPattern("HH:mm", Locale.UK);
    private static final DateTimeFormatter DAY_HOUR = DateTimeFormatter.ofPattern("HH:mm, EEE d MMM", Locale.UK);
    /** Details on a card; the request itself keeps all of them. */
    static final int CARD_DETAILS = 500;

    private static final Logger log = LoggerFactory.getLogger(RequestNotices.class);
    private final BotPoster bots;
    private final UserDirectory users;

    RequestNotices(BotPoster bots, UserDirectory users) {
        this.bots = bots;
        this.users = users;
    }

    UUID bot(UUID organisationId) {
        return bots.builtIn(organisationId, BuiltInBot.REQUESTS);
    }

    /** Posts the new request's card in the queue (urgent when it is an emergency); returns the message id. */
    UUID postToQueue(ServiceDefinition s, ServiceRequest r) {
        UUID bot = bot(s.organisationId());
        MessageCard card = card(s, r);
        try {
            return bots.post(bot, s.queueConversationId(), fallback(card), card, r.priority() == Priority.EMERGENCY,
                    "req:" + r.id()).messageId();
        } catch (ApiException notAMember) {
            // Someone removed the bot from the queue since the service was saved: it joins again (a
            // system action, audited) and posts once more with the same client id.
            bots.join(bot, s.queueConversationId());
            return bots.post(bot, s.queueConversationId(), fallback(card), card, r.priority() == Priority.EMERGENCY,
                    "req:" + r.id()).messageId();
        }
    }

    /** Replaces the queue card after a step (nothing to replace when the first post never landed). */
    void refreshCard(ServiceDefinition s, ServiceRequest r) {
        if (r.queueMessageId() != null) {
            bots.updateCard(bot(s.organisationId()), s.queueConversationId(), r.queueMessageId(), card(s, r));
        }
    }

    /**
     * A direct message from the Requests bot; {@code step} names it for idempotency. The step it
     * reports is committed already: a message that cannot be sent (a requester who has left, a
     * bot filing through the API) is logged, and the caller still hears that the step was done.
     */
    void tell(ServiceRequest r, UUID personId, String step, String text, boolean urgent) {
        try {
            bots.direct(bot(r.organisationId()), personId, text, null, urgent, "req:" + r.id() + ":" + step);
        } catch (RuntimeException failed) {
            log.warn("the Requests bot could not tell {} about request {} ({})", personId, r.id(), step, failed);
        }
    }

    String received(ServiceDefinition s, ServiceRequest r) {
        return "Your " + s.name().toLowerCase(Locale.UK) + " request #" + r.number() + " was received; due by " + time(r.dueAt()) + ".";
    }

    String stepDone(ServiceDefinition s, ServiceRequest r, UUID actorId, String note) {
        String who = name(actorId);
        String what = switch (r.status()) {
            case CLAIMED -> "was claimed by " + who;
            case IN_PROGRESS -> "is in progress (" + who + ")";
            case DONE -> "is done (" + who + ")";
            case CANCELLED -> "was cancelled by " + who;
            case OPEN -> "is open";
        };
        return "Your " + s.name().toLowerCase(Locale.UK) + " request #" + r.number() + " " + what + "."
                + (note == null ? "" : " Note: " + note);
    }

    String overdueToRequester(ServiceDefinition s, ServiceRequest r) {
        return "Your " + s.name().toLowerCase(Locale.UK) + " request #" + r.number() + " is overdue (due by " + time(r.dueAt())
                + "); the team's lead has been told.";
    }

    String overdueToLead(ServiceDefinition s, ServiceRequest r) {
        String state = r.assigneeId() == null ? "nobody has claimed it" : r.status().code() + " with " + name(r.assigneeId());
        return "Overdue: " + s.name() + " request #" + r.number() + " (" + r.priority().code().toUpperCase(Locale.UK) + ", "
                + r.location() + ") was due by " + time(r.dueAt()) + "; " + state + ".";
    }

    MessageCard card(ServiceDefinition s, ServiceRequest r) {
        List<MessageCard.Field> fields = new ArrayList<>();
        fields.add(new MessageCard.Field("Status", statusLine(r)));
        fields.add(new MessageCard.Field("Location", r.location()));
        if (r.nhsNumber() != null) {
            fields.add(new MessageCard.Field("Patient NHS number", NhsNumber.format(r.nhsNumber()).orElse(r.nhsNumber())));
        }
        fields.add(new MessageCard.Field("Details", cut(r.details())));
        fields.add(new MessageCard.Field("Requested by", name(r.requesterId())));
        fields.add(new MessageCard.Field("Due", dayTime(r.dueAt())));
        // The form's answers fill what room the card has left (its field limit is the form's too).
        for (FormField f : s.fields()) {
            String v = r.fields().get(f.name());
            if (v != null && fields.size() < MessageCard.MAX_FIELDS) {
                fields.add(fields.size() - 2, new MessageCard.Field(f.label(), v));
            }
        }
        String title = "#" + r.number() + " " + s.name() + " — " + r.priority().code().toUpperCase(Locale.UK)
                + (r.overdue() ? " — OVERDUE" : "");
        return new MessageCard(title, severity(r), fields, actions(r), "Request #" + r.number(), "#/requests/" + r.id());
    }

    private String statusLine(ServiceRequest r) {
        return switch (r.status()) {
            case OPEN -> "Open";
            case CLAIMED -> "Claimed by " + name(r.assigneeId());
            case IN_PROGRESS -> "In progress (" + name(r.assigneeId()) + ")";
            case DONE -> "Done (" + name(r.assigneeId()) + ")";
            case CANCELLED -> "Cancelled";
        };
    }

    private static String severity(ServiceRequest r) {
        if (r.status() == RequestStatus.DONE) {
            return "success";
        }
        if (r.status() == RequestStatus.CANCELLED) {
            return "info";
        }
        if (r.overdue() || r.priority() == Priority.EMERGENCY) {
            return "critical";
        }
        return r.priority() == Priority.URGENT ? "warning" : "info";
    }

    private static List<MessageCard.Action> actions(ServiceRequest r) {
        String id = r.id().toString();
        return switch (r.status()) {
            case OPEN -> List.of(new MessageCard.Action("requests.claim:" + id, "Claim", "primary"));
            case CLAIMED -> List.of(new MessageCard.Action("requests.start:" + id, "Start", "default"),
                    new MessageCard.Action("requests.done:" + id, "Done", "primary"));
            case IN_PROGRESS -> List.of(new MessageCard.Action("requests.done:" + id, "Done", "primary"));
            case DONE, CANCELLED -> List.of();
        };
    }

    /** The card's markdown fallback (notifications, search, clients without cards). */
    static String fallback(MessageCard card) {
        StringBuilder b = new StringBuilder("**").append(card.title()).append("**");
        for (MessageCard.Field f : card.fields()) {
            b.append("\n").append(f.label()).append(": ").append(f.value());
        }
        return b.toString();
    }

    String name(UUID userId) {
        return userId == null ? "nobody" : users.activeUser(userId).map(User::displayName).orElse("a former colleague");
    }

    static String time(OffsetDateTime t) {
        return HOUR.format(t.atZoneSameInstant(WARD_TIME));
    }

    private static String dayTime(OffsetDateTime t) {
        return DAY_HOUR.format(t.atZoneSameInstant(WARD_TIME));
    }

    private static String cut(String s) {
        if (s.length() <= CARD_DETAILS) {
            return s;
        }
        int end = Character.isHighSurrogate(s.charAt(CARD_DETAILS - 2)) ? CARD_DETAILS - 2 : CARD_DETAILS - 1;
        return s.substring(0, end) + "…";
    }
}
