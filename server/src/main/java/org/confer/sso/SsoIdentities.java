package org.confer.sso;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.confer.audit.AuditTrail;
import org.confer.db.Database;
import org.confer.http.ApiException;
import org.confer.identity.FederatedSignIn;
import org.confer.identity.Principal;

/**
 * The provider identities linked to an organisation's people (docs/single-sign-on.md, "Matching
 * by subject"), for its admins: the list, and unlinking one (audited) so that the person's next
 * sign-in links whichever subject the provider then presents — the way to let a person's new
 * identity at the provider in, after checking it really is them.
 */
public final class SsoIdentities {
    /** A page of the admin list: an organisation's staff are found by the search box, not by scrolling. */
    static final int PAGE = 100;

    private final Database db;
    private final FederatedSignIn identity;
    private final AuditTrail audit;
    private final Clock clock;

    SsoIdentities(Database db, FederatedSignIn identity, AuditTrail audit, Clock clock) {
        this.db = db;
        this.identity = identity;
        this.audit = audit;
        this.clock = clock;
    }

    public List<FederatedSignIn.LinkedIdentity> list(Principal who, UUID organisationId, String query) {
        SsoAdmin.requireAdministers(who, organisationId);
        if (query != null && query.length() > 200) {
            throw ApiException.invalid("q", "'q' must be at most 200 characters");
        }
        return identity.linkedIdentities(db.dsl(), organisationId, query, PAGE);
    }

    public void unlink(Principal who, UUID organisationId, UUID linkId) {
        SsoAdmin.requireAdministers(who, organisationId);
        OffsetDateTime now = OffsetDateTime.now(clock);
        db.dsl().transaction(cfg -> {
            FederatedSignIn.LinkedIdentity l = identity.unlink(cfg.dsl(), organisationId, linkId)
                    .orElseThrow(() -> ApiException.notFound("Linked identity"));
            audit.record(cfg.dsl(), organisationId, who.userId(), "sso.subject_unlinked", "user", l.userId(),
                    Map.of("issuer", l.issuer(), "subject", l.subject()), now);
        });
    }
}
