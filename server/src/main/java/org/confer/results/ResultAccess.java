package org.confer.results;

import java.util.List;
import java.util.Objects;
import java.util.UUID;
import org.confer.chat.ConversationAccess;
import org.confer.db.Database;
import org.confer.http.ApiException;
import org.confer.identity.Principal;

/**
 * The one place that decides who may see a result, its audit trail, and acknowledge it. Anyone
 * else gets 404, exactly as for a result that does not exist: a result's existence is itself
 * clinical information.
 */
public final class ResultAccess {
    private final Database db;
    private final ResultStore results;
    private final ResultDirectoryStore directory;
    private final ConversationAccess conversations;

    public ResultAccess(Database db, ResultStore results, ResultDirectoryStore directory, ConversationAccess conversations) {
        this.db = db;
        this.results = results;
        this.directory = directory;
        this.conversations = conversations;
    }

    /**
     * Recipients of an alert (watchers whose watch matched when it arrived are recipients), the lab
     * liaison and the organisation's admins. Watching a patient later does not open their earlier
     * results: anyone can type an NHS number, so a watch is not a care relationship.
     */
    public StoredResult requireReader(Principal who, UUID resultId) {
        StoredResult r = requireOwnOrganisation(who, resultId);
        List<Alert> alerts = results.alerts(db.dsl(), resultId);
        if (alerted(who, alerts) || who.administers(r.organisationId()) || liaison(who, r)) {
            return r;
        }
        throw ApiException.notFound("Result");
    }

    /** The audit trail: the lab liaison (results-inbox members) and organisation admins. */
    public StoredResult requireAuditor(Principal who, UUID resultId) {
        StoredResult r = requireOwnOrganisation(who, resultId);
        if (who.administers(r.organisationId()) || liaison(who, r)) {
            return r;
        }
        throw ApiException.notFound("Result");
    }

    /** Anyone alerted of it, or (for the inbox's alert) a member of the results-inbox channel. */
    public StoredResult requireAcknowledger(Principal who, UUID resultId) {
        StoredResult r = requireOwnOrganisation(who, resultId);
        List<Alert> alerts = results.alerts(db.dsl(), resultId);
        if (alerted(who, alerts) || (alerts.stream().anyMatch(a -> a.userId() == null) && liaison(who, r))) {
            return r;
        }
        throw ApiException.notFound("Result");
    }

    private StoredResult requireOwnOrganisation(Principal who, UUID resultId) {
        return results.find(db.dsl(), resultId).filter(r -> r.organisationId().equals(who.organisationId()))
                .orElseThrow(() -> ApiException.notFound("Result"));
    }

    private static boolean alerted(Principal who, List<Alert> alerts) {
        return alerts.stream().anyMatch(a -> Objects.equals(a.userId(), who.userId()));
    }

    private boolean liaison(Principal who, StoredResult r) {
        UUID inbox = directory.settings(db.dsl(), r.organisationId()).inboxConversationId();
        if (inbox == null) {
            return false;
        }
        try {
            conversations.requireMember(who, inbox);
            return true;
        } catch (ApiException notMember) {
            return false;
        }
    }
}
