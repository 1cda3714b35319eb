package org.confer.requests;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.confer.audit.AuditTrail;
import org.confer.db.Database;
import org.confer.http.ApiException;
import org.confer.identity.Principal;
import org.confer.requests.RequestViews.HistoryEntry;
import org.confer.requests.RequestViews.RequestDetail;
import org.confer.requests.RequestViews.RequestView;

/** The reads: my requests, a service's queue, one request with its history. */
public final class RequestQueries {
    /** A list is a screen's worth; older requests are in the audit trail and reports, not in the queue. */
    static final int LIST_LIMIT = 200;

    private final Database db;
    private final RequestStore store;
    private final RequestAccess access;
    private final AuditTrail audit;

    public RequestQueries(Database db, RequestStore store, RequestAccess access, AuditTrail audit) {
        this.db = db;
        this.store = store;
        this.access = access;
        this.audit = audit;
    }

    /** The caller's own requests, newest first. */
    public List<RequestView> mine(Principal who) {
        return views(store.byRequester(db.dsl(), who.userId(), LIST_LIMIT));
    }

    /** A service's requests (optionally in one status), for its team and the organisation's admins. */
    public List<RequestView> ofService(Principal who, UUID serviceId, String status) {
        ServiceDefinition s = access.service(who, serviceId);
        if (!who.administers(s.organisationId())) {
            access.requireWorker(who, s);
        }
        RequestStatus st = status == null || status.isBlank() ? null : RequestStatus.parse(status)
                .orElseThrow(() -> ApiException.invalid("status", "'status' must be open, claimed, in-progress, done or cancelled"));
        return views(store.byService(db.dsl(), s.id(), st, LIST_LIMIT));
    }

    public RequestDetail one(Principal who, UUID requestId) {
        ServiceRequest r = access.request(who, requestId);
        String serviceName = store.service(db.dsl(), r.serviceId()).map(ServiceDefinition::name).orElse("");
        List<HistoryEntry> history = audit.forSubject(db.dsl(), "service_request", r.id()).stream()
                .map(e -> new HistoryEntry(e.at(), e.actorId(), e.action(),
                        e.detail().get("note") instanceof String n ? n : null))
                .toList();
        return RequestDetail.of(RequestView.of(r, serviceName), history);
    }

    private List<RequestView> views(List<ServiceRequest> requests) {
        Map<UUID, String> names = new HashMap<>();
        return requests.stream().map(r -> RequestView.of(r, names.computeIfAbsent(r.serviceId(),
                id -> store.service(db.dsl(), id).map(ServiceDefinition::name).orElse("")))).toList();
    }
}
