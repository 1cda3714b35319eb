package org.confer.requests;

import java.util.UUID;
import org.confer.db.Database;
import org.confer.http.ApiException;
import org.confer.identity.Principal;

/**
 * Who may see and work services and requests, one rule per method. A service or request of
 * another organisation, or a request the caller may not see, is 404 exactly like one that does
 * not exist; a visible thing the caller may not change is 403.
 */
public final class RequestAccess {
    private final Database db;
    private final RequestStore store;

    public RequestAccess(Database db, RequestStore store) {
        this.db = db;
        this.store = store;
    }

    /** A service of the caller's organisation (archived ones included); 404 otherwise. */
    public ServiceDefinition service(Principal who, UUID serviceId) {
        ServiceDefinition s = store.service(db.dsl(), serviceId).orElseThrow(() -> ApiException.notFound("Service"));
        if (!s.organisationId().equals(who.organisationId()) && !who.isPlatformAdmin()) {
            throw ApiException.notFound("Service");
        }
        return s;
    }

    /** Whether the caller works the service's queue: a member (or owner) of its team. */
    public boolean works(Principal who, ServiceDefinition s) {
        return store.teamRole(db.dsl(), s.teamId(), who.userId()).isPresent();
    }

    /** 403 unless the caller works the service's queue. */
    public void requireWorker(Principal who, ServiceDefinition s) {
        if (!works(who, s)) {
            throw ApiException.forbidden("Only members of the team that runs " + s.name() + " can do this");
        }
    }

    /** 403 unless the caller owns the team or administers the organisation. */
    public void requireManager(Principal who, UUID teamId, UUID organisationId) {
        boolean owner = store.teamRole(db.dsl(), teamId, who.userId()).filter("owner"::equals).isPresent();
        if (!owner && !who.administers(organisationId)) {
            throw ApiException.forbidden("Only the team's owners and organisation admins manage its services");
        }
    }

    /** The request, if the caller filed it, works its service, or administers its organisation; 404 otherwise. */
    public ServiceRequest request(Principal who, UUID requestId) {
        ServiceRequest r = store.request(db.dsl(), requestId).orElseThrow(() -> ApiException.notFound("Request"));
        if (r.requesterId().equals(who.userId()) || who.administers(r.organisationId())) {
            return r;
        }
        ServiceDefinition s = store.service(db.dsl(), r.serviceId()).orElseThrow();
        if (!works(who, s)) {
            throw ApiException.notFound("Request");
        }
        return r;
    }
}
