package org.confer.visits;

import java.util.UUID;
import org.confer.db.Database;
import org.confer.http.ApiException;
import org.confer.identity.Principal;

/**
 * Who may see and manage a calendar and its visits (docs/virtual-visits.md, "Who manages it"),
 * one rule per method. A calendar someone may not see is 404 exactly like one that does not
 * exist; one they see but may not change is 403.
 */
public final class VisitAccess {
    private final Database db;
    private final VisitStore store;

    public VisitAccess(Database db, VisitStore store) {
        this.db = db;
        this.store = store;
    }

    /** The team's members, its owners and the organisation's admins see a calendar and its visits. */
    public boolean sees(Principal who, VisitCalendar c) {
        return who.administers(c.organisationId()) || store.teamRole(db.dsl(), c.teamId(), who.userId()).isPresent();
    }

    public boolean manages(Principal who, VisitCalendar c) {
        return who.administers(c.organisationId())
                || store.teamRole(db.dsl(), c.teamId(), who.userId()).filter("owner"::equals).isPresent()
                || c.managers().contains(who.userId());
    }

    /** A calendar the caller sees; 404 otherwise. */
    public VisitCalendar calendar(Principal who, UUID id) {
        VisitCalendar c = store.calendar(db.dsl(), id).orElseThrow(() -> ApiException.notFound("Calendar"));
        if (!sees(who, c)) {
            throw ApiException.notFound("Calendar");
        }
        return c;
    }

    /** A calendar the caller manages: 404 when they cannot see it, 403 when they only see it. */
    public VisitCalendar managed(Principal who, UUID id) {
        VisitCalendar c = calendar(who, id);
        if (!manages(who, c)) {
            throw ApiException.forbidden("Only the team's owners, organisation admins and the calendar's visit managers change it");
        }
        return c;
    }

    /** 403 unless the caller owns the team or administers the organisation (who may make a calendar). */
    public void requireTeamOwner(Principal who, UUID teamId, UUID organisationId) {
        boolean owner = store.teamRole(db.dsl(), teamId, who.userId()).filter("owner"::equals).isPresent();
        if (!owner && !who.administers(organisationId)) {
            throw ApiException.forbidden("Only the team's owners and organisation admins create its booking calendars");
        }
    }

    /** The visit, when the caller sees its calendar; 404 otherwise. */
    public Visit visit(Principal who, UUID visitId) {
        Visit v = store.visit(db.dsl(), visitId).orElseThrow(() -> ApiException.notFound("Visit"));
        VisitCalendar c = store.calendar(db.dsl(), v.calendarId()).orElseThrow();
        if (!sees(who, c)) {
            throw ApiException.notFound("Visit");
        }
        return v;
    }
}
