package org.confer.requests;

import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import org.confer.audit.AuditTrail;
import org.confer.clinical.NhsNumber;
import org.confer.db.Database;
import org.confer.events.ConversationWriter;
import org.confer.events.Outbox;
import org.confer.events.UserEvent.ServiceRequestUpdated;
import org.confer.http.ApiException;
import org.confer.http.ProblemType;
import org.confer.http.RateLimitedException;
import org.confer.identity.Principal;
import org.confer.limits.KeyedBudget;
import org.confer.requests.RequestViews.RequestView;
import org.confer.text.Fields;
import org.jooq.exception.DataAccessException;

/**
 * Filing a request and each step after it (claim, start, done, cancel). A step is one
 * transaction: the row is locked, the transition checked, the row, its audit entry and the
 * {@code request.updated} events of the requester and assignee written together. The queue card
 * and the requester's direct message follow the commit (each is its own chat write).
 */
public final class RequestService {
    /** What a requester sends (POST /api/v1/requests). */
    public record Filing(UUID serviceId, String priority, String location, String nhsNumber, String details,
                         Map<String, Object> fields, String clientRequestId) {}

    /** POST /api/v1/requests/{id}/status. */
    public record StatusChange(String status, String note) {}

    static final int MAX_LOCATION = 200;
    static final int MAX_DETAILS = 2000;
    static final int MAX_NOTE = 500;
    private static final Pattern CLIENT_ID = Pattern.compile("^[A-Za-z0-9._:-]{1,64}$");

    private final Database db;
    private final ConversationWriter writer;
    private final RequestStore store;
    private final RequestAccess access;
    private final RequestNotices notices;
    private final AuditTrail audit;
    /** Filing posts to a channel and a direct chat: a person is held to the pace of a busy ward, not a script's. */
    private final KeyedBudget<UUID> filings;

    public RequestService(Database db, ConversationWriter writer, RequestStore store, RequestAccess access,
                          RequestNotices notices, AuditTrail audit, Clock clock) {
        this.db = db;
        this.writer = writer;
        this.store = store;
        this.access = access;
        this.notices = notices;
        this.audit = audit;
        // 30 a minute: a person filing for a whole ward at once stays well under it.
        this.filings = new KeyedBudget<>(30, Duration.ofMinutes(1), clock, 100_000);
    }

    public RequestView file(Principal who, Filing f) {
        if (f == null || f.serviceId() == null) {
            throw ApiException.invalid("serviceId", "'serviceId' is required");
        }
        ServiceDefinition s = access.service(who, f.serviceId());
        if (s.archived() || !s.organisationId().equals(who.organisationId())) {
            throw ApiException.notFound("Service");
        }
        String clientId = f.clientRequestId();
        if (clientId == null || !CLIENT_ID.matcher(clientId).matches()) {
            throw ApiException.invalid("clientRequestId", "'clientRequestId' is required: 1-64 letters, digits or ._:- (a UUID is ideal)");
        }
        var earlier = store.byClientRequestId(db.dsl(), who.userId(), clientId);
        if (earlier.isPresent()) {
            return repeated(s, earlier.get());
        }
        Priority priority = f.priority() == null || f.priority().isBlank() ? Priority.ROUTINE
                : Priority.parse(f.priority()).orElseThrow(() -> ApiException.invalid("priority", "'priority' must be routine, urgent or emergency"));
        String location = Fields.required("location", f.location(), MAX_LOCATION);
        String details = Fields.multiline("details", f.details(), MAX_DETAILS);
        if (details == null) {
            throw ApiException.invalid("details", "'details' is required");
        }
        String nhs = f.nhsNumber() == null || f.nhsNumber().isBlank() ? null : NhsNumber.normalise(f.nhsNumber()).orElseThrow(() ->
                ApiException.invalid("nhsNumber", "'nhsNumber' is not an NHS number: 10 digits whose last is the right check digit"));
        Map<String, String> answers = RequestForms.answers(s.fields(), f.fields());
        filings.tryTake(who.userId()).ifPresent(wait -> {
            throw new RateLimitedException("Too many requests filed in a minute; try again in " + wait + " s", wait);
        });
        ServiceRequest r;
        try {
            r = writer.write(tx -> {
                long number = store.nextNumber(tx.dsl(), s.organisationId());
                ServiceRequest q = new ServiceRequest(UUID.randomUUID(), s.organisationId(), s.id(), number, who.userId(), null,
                        RequestStatus.OPEN, priority, location, nhs, details, answers, clientId, null, tx.now(),
                        tx.now().plusMinutes(s.targets().minutes(priority)), tx.now(), null, null);
                store.insertRequest(tx.dsl(), q);
                audit.record(tx.dsl(), s.organisationId(), who.userId(), "request.filed", "service_request", q.id(),
                        Map.of("number", number, "priority", priority.code(), "service", s.slug()), tx.now());
                tell(tx, s, q);
                return q;
            });
        } catch (DataAccessException raced) {
            // The same clientRequestId from a second device, committed first: answer with that one.
            return repeated(s, store.byClientRequestId(db.dsl(), who.userId(), clientId).orElseThrow(() -> raced));
        }
        return announce(s, r);
    }

    /** A repeat of a filing: the request it made, its card posted if the first attempt stopped short of it. */
    private RequestView repeated(ServiceDefinition s, ServiceRequest r) {
        return r.queueMessageId() == null ? announce(s, r) : RequestView.of(r, s.name());
    }

    private RequestView announce(ServiceDefinition s, ServiceRequest r) {
        UUID messageId = notices.postToQueue(s, r);
        store.setQueueMessage(db.dsl(), r.id(), messageId);
        notices.tell(r, r.requesterId(), "filed", notices.received(s, r), false);
        return RequestView.of(r, s.name());
    }

    public RequestView claim(Principal who, UUID requestId) {
        return step(who, requestId, RequestStatus.CLAIMED, null);
    }

    public RequestView changeStatus(Principal who, UUID requestId, StatusChange c) {
        if (c == null || c.status() == null) {
            throw ApiException.invalid("status", "'status' is required: in-progress, done or cancelled");
        }
        RequestStatus to = RequestStatus.parse(c.status())
                .filter(s -> s == RequestStatus.IN_PROGRESS || s == RequestStatus.DONE || s == RequestStatus.CANCELLED)
                .orElseThrow(() -> ApiException.invalid("status", "'status' must be in-progress, done or cancelled"));
        return step(who, requestId, to, Fields.multiline("note", c.note(), MAX_NOTE));
    }

    private RequestView step(Principal who, UUID requestId, RequestStatus to, String note) {
        ServiceRequest seen = access.request(who, requestId);
        ServiceDefinition s = store.service(db.dsl(), seen.serviceId()).orElseThrow();
        boolean worker = access.works(who, s);
        boolean requester = seen.requesterId().equals(who.userId());
        if (to == RequestStatus.CANCELLED) {
            if (!requester && !worker) {
                throw ApiException.forbidden("Only the requester or the team that runs " + s.name() + " can cancel a request");
            }
            if (!requester && note == null) {
                throw ApiException.invalid("note", "Say why you are cancelling someone else's request ('note')");
            }
        } else if (!worker) {
            throw ApiException.forbidden("Only members of the team that runs " + s.name() + " can work its requests");
        }
        ServiceRequest after = writer.write(tx -> {
            ServiceRequest r = store.requestForUpdate(tx.dsl(), requestId).orElseThrow(() -> ApiException.notFound("Request"));
            checkTransition(r, to);
            UUID assignee = to == RequestStatus.CANCELLED || r.assigneeId() != null && to != RequestStatus.CLAIMED
                    ? r.assigneeId() : who.userId();
            store.updateStep(tx.dsl(), r.id(), to, assignee, tx.now());
            ServiceRequest q = store.request(tx.dsl(), r.id()).orElseThrow();
            Map<String, Object> detail = new HashMap<>();
            detail.put("status", to.code());
            if (note != null) {
                detail.put("note", note);
            }
            audit.record(tx.dsl(), r.organisationId(), who.userId(), "request." + action(to), "service_request", r.id(), detail, tx.now());
            tell(tx, s, q);
            return q;
        });
        notices.refreshCard(s, after);
        if (!after.requesterId().equals(who.userId())) {
            notices.tell(after, after.requesterId(), to.code(), notices.stepDone(s, after, who.userId(), note), false);
        }
        return RequestView.of(after, s.name());
    }

    /** 409 for a step that does not follow from where the request is. */
    private static void checkTransition(ServiceRequest r, RequestStatus to) {
        boolean ok = switch (to) {
            case CLAIMED -> r.status() == RequestStatus.OPEN;
            case IN_PROGRESS -> r.status() == RequestStatus.OPEN || r.status() == RequestStatus.CLAIMED;
            case DONE, CANCELLED -> !r.status().finished();
            case OPEN -> false;
        };
        if (!ok) {
            throw new ApiException(ProblemType.REQUEST_STATE, "Request #" + r.number() + " is " + r.status().code()
                    + "; it cannot be " + action(to) + " now", Map.of("requestStatus", r.status().code()));
        }
    }

    static String action(RequestStatus to) {
        return switch (to) {
            case OPEN -> "opened";
            case CLAIMED -> "claimed";
            case IN_PROGRESS -> "started";
            case DONE -> "done";
            case CANCELLED -> "cancelled";
        };
    }

    /** request.updated to the requester and the assignee, in the step's transaction. */
    static void tell(Outbox tx, ServiceDefinition s, ServiceRequest r) {
        Set<UUID> to = new LinkedHashSet<>();
        to.add(r.requesterId());
        if (r.assigneeId() != null) {
            to.add(r.assigneeId());
        }
        ServiceRequestUpdated event = new ServiceRequestUpdated(RequestViews.snapshot(r, s.name()));
        to.forEach(u -> tx.toUser(u, event));
    }
}
