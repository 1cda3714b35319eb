package org.confer.requests;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.confer.audit.AuditTrail;
import org.confer.bots.BotPoster;
import org.confer.bots.BuiltInBot;
import org.confer.db.Database;
import org.confer.http.ApiException;
import org.confer.http.ProblemType;
import org.confer.identity.Principal;
import org.confer.identity.User;
import org.confer.identity.UserDirectory;
import org.confer.requests.RequestViews.ServiceView;
import org.confer.text.Fields;
import org.jooq.exception.DataAccessException;

/**
 * The services an organisation's teams offer: listed to everyone in the organisation (the
 * request form needs them), changed only by the team's owners and the organisation's admins.
 * A service's queue is a channel of its team, and its lead a member of it; the Requests bot
 * joins the queue so it can post there.
 */
public final class ServiceCatalogue {

    /** POST /api/v1/request-services. */
    public record NewService(String slug, String name, UUID teamId, UUID queueConversationId, UUID leadId,
                             Boolean askNhsNumber, List<FormField> fields, Targets targets) {}

    /** PATCH /api/v1/request-services/{id}: absent members stay as they are. */
    public record ServiceChange(String slug, String name, UUID teamId, UUID queueConversationId, UUID leadId,
                                Boolean askNhsNumber, List<FormField> fields, Targets targets, Boolean archived) {}

    private final Database db;
    private final RequestStore store;
    private final RequestAccess access;
    private final UserDirectory users;
    private final BotPoster bots;
    private final AuditTrail audit;
    private final Clock clock;

    public ServiceCatalogue(Database db, RequestStore store, RequestAccess access, UserDirectory users, BotPoster bots,
                            AuditTrail audit, Clock clock) {
        this.db = db;
        this.store = store;
        this.access = access;
        this.users = users;
        this.bots = bots;
        this.audit = audit;
        this.clock = clock;
    }

    public List<ServiceView> list(Principal who) {
        return store.services(db.dsl(), who.organisationId()).stream().map(s -> view(who, s)).toList();
    }

    public ServiceView create(Principal who, NewService body) {
        if (body == null) {
            throw ApiException.invalid("body", "A service is required");
        }
        if (body.teamId() == null) {
            throw ApiException.invalid("teamId", "'teamId' is required");
        }
        access.requireManager(who, body.teamId(), who.organisationId());
        OffsetDateTime now = OffsetDateTime.now(clock).truncatedTo(ChronoUnit.MICROS);
        ServiceDefinition s = checked(new ServiceDefinition(UUID.randomUUID(), who.organisationId(), body.teamId(),
                body.slug(), body.name(), body.queueConversationId(), body.leadId(), Boolean.TRUE.equals(body.askNhsNumber()),
                RequestForms.definition(body.fields()), body.targets(), now, false));
        save(who, s, true);
        return view(who, s);
    }

    public ServiceView change(Principal who, UUID serviceId, ServiceChange c) {
        ServiceDefinition old = access.service(who, serviceId);
        if (!access.works(who, old) && !who.administers(old.organisationId())) {
            // Outside its team a service is something to file requests to, not something to manage.
            throw ApiException.notFound("Service");
        }
        access.requireManager(who, old.teamId(), old.organisationId());
        if (c == null) {
            return view(who, old);
        }
        UUID teamId = c.teamId() != null ? c.teamId() : old.teamId();
        if (!teamId.equals(old.teamId())) {
            access.requireManager(who, teamId, old.organisationId());
        }
        ServiceDefinition s = checked(new ServiceDefinition(old.id(), old.organisationId(), teamId,
                c.slug() != null ? c.slug() : old.slug(), c.name() != null ? c.name() : old.name(),
                c.queueConversationId() != null ? c.queueConversationId() : old.queueConversationId(),
                c.leadId() != null ? c.leadId() : old.leadId(),
                c.askNhsNumber() != null ? c.askNhsNumber() : old.askNhsNumber(),
                c.fields() != null ? RequestForms.definition(c.fields()) : old.fields(),
                c.targets() != null ? c.targets() : old.targets(), old.createdAt(),
                c.archived() != null ? c.archived() : old.archived()));
        save(who, s, false);
        return view(who, s);
    }

    /** Every rule of a service that does not depend on who asks; returns it normalised. */
    private ServiceDefinition checked(ServiceDefinition s) {
        String slug = RequestForms.slug(s.slug());
        String name = Fields.required("name", s.name(), Fields.MAX_NAME);
        Targets targets = RequestForms.targets(s.targets());
        if (store.teamName(db.dsl(), s.teamId()).isEmpty()) {
            throw ApiException.invalid("teamId", "No such team");
        }
        if (s.queueConversationId() == null || !store.isOpenChannelOf(db.dsl(), s.queueConversationId(), s.teamId())) {
            throw ApiException.invalid("queueConversationId", "The queue must be a channel of the service's team");
        }
        if (s.leadId() == null) {
            throw ApiException.invalid("leadId", "'leadId' is required: the team member told when a request is overdue");
        }
        User lead = users.activeUser(s.leadId()).orElseThrow(() -> ApiException.invalid("leadId", "No such active user"));
        if (!lead.organisationId().equals(s.organisationId()) || store.teamRole(db.dsl(), s.teamId(), lead.id()).isEmpty()) {
            throw ApiException.invalid("leadId", "The lead must be a member of the team, in the service's organisation");
        }
        return new ServiceDefinition(s.id(), s.organisationId(), s.teamId(), slug, name, s.queueConversationId(), s.leadId(),
                s.askNhsNumber(), s.fields(), targets, s.createdAt(), s.archived());
    }

    private void save(Principal who, ServiceDefinition s, boolean isNew) {
        try {
            db.dsl().transaction(cfg -> {
                var tx = cfg.dsl();
                store.serviceBySlug(tx, s.organisationId(), s.slug()).filter(other -> !other.id().equals(s.id())).ifPresent(other -> {
                    throw new ApiException(ProblemType.CONFLICT, "Another service of this organisation is already called '" + s.slug() + "'");
                });
                if (isNew) {
                    store.insertService(tx, s);
                } else {
                    store.updateService(tx, s);
                }
                audit.record(tx, s.organisationId(), who.userId(), isNew ? "request-service.created" : "request-service.changed",
                        "request_service", s.id(), java.util.Map.of("slug", s.slug(), "queue", s.queueConversationId().toString()),
                        OffsetDateTime.now(clock));
            });
        } catch (DataAccessException raced) {
            if (store.serviceBySlug(db.dsl(), s.organisationId(), s.slug()).filter(o -> !o.id().equals(s.id())).isPresent()) {
                throw new ApiException(ProblemType.CONFLICT, "Another service of this organisation is already called '" + s.slug() + "'");
            }
            throw raced;
        }
        // The bot must be in the queue to post there; joining twice is a no-op.
        bots.join(bots.builtIn(s.organisationId(), BuiltInBot.REQUESTS), s.queueConversationId());
    }

    private ServiceView view(Principal who, ServiceDefinition s) {
        return ServiceView.of(s, store.teamName(db.dsl(), s.teamId()).orElse(""), access.works(who, s));
    }
}
