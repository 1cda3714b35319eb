package org.confer.requests;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.confer.events.UserEvent.ServiceRequestSnapshot;

/** The wire shapes of the requests API (docs/bots-and-results.md, "API"), separate from the stored records. */
public final class RequestViews {
    private RequestViews() {}

    /** A service as the request form and the queue settings show it. */
    public record ServiceView(UUID id, String slug, String name, UUID teamId, String teamName, UUID queueConversationId,
                              UUID leadId, boolean askNhsNumber, List<FormField> fields, Targets targets, boolean archived,
                              boolean canWork) {

        static ServiceView of(ServiceDefinition s, String teamName, boolean canWork) {
            return new ServiceView(s.id(), s.slug(), s.name(), s.teamId(), teamName, s.queueConversationId(), s.leadId(),
                    s.askNhsNumber(), s.fields(), s.targets(), s.archived(), canWork);
        }
    }

    /** A request in lists and in the answer to filing or a step. */
    public record RequestView(UUID id, long number, UUID serviceId, String serviceName, String status, String priority,
                              String location, String nhsNumber, String details, Map<String, String> fields,
                              UUID requesterId, UUID assigneeId, OffsetDateTime createdAt, OffsetDateTime dueAt,
                              OffsetDateTime updatedAt, boolean overdue) {

        static RequestView of(ServiceRequest r, String serviceName) {
            return new RequestView(r.id(), r.number(), r.serviceId(), serviceName, r.status().code(), r.priority().code(),
                    r.location(), r.nhsNumber(), r.details(), r.fields(), r.requesterId(), r.assigneeId(), r.createdAt(),
                    r.dueAt(), r.updatedAt(), r.overdue());
        }
    }

    /** One step of a request's history, from the audit trail. */
    public record HistoryEntry(OffsetDateTime at, UUID actorId, String action, String note) {}

    /** One request with its history (GET /api/v1/requests/{id}). */
    public record RequestDetail(UUID id, long number, UUID serviceId, String serviceName, String status, String priority,
                                String location, String nhsNumber, String details, Map<String, String> fields,
                                UUID requesterId, UUID assigneeId, OffsetDateTime createdAt, OffsetDateTime dueAt,
                                OffsetDateTime updatedAt, boolean overdue, List<HistoryEntry> history) {

        static RequestDetail of(RequestView v, List<HistoryEntry> history) {
            return new RequestDetail(v.id(), v.number(), v.serviceId(), v.serviceName(), v.status(), v.priority(),
                    v.location(), v.nhsNumber(), v.details(), v.fields(), v.requesterId(), v.assigneeId(), v.createdAt(),
                    v.dueAt(), v.updatedAt(), v.overdue(), history);
        }
    }

    /** The event's copy: details cut to a line, and no NHS number (events reach every device of the person). */
    static ServiceRequestSnapshot snapshot(ServiceRequest r, String serviceName) {
        String summary = r.details().length() <= 140 ? r.details() : r.details().substring(0, 139) + "…";
        return new ServiceRequestSnapshot(r.id(), r.number(), r.serviceId(), serviceName, r.status().code(),
                r.priority().code(), r.location(), summary, r.requesterId(), r.assigneeId(), r.createdAt(), r.dueAt(),
                r.updatedAt(), r.overdue());
    }
}
