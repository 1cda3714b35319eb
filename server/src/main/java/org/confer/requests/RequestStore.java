package org.confer.requests;

import static org.confer.db.schema.Tables.CONVERSATIONS;
import static org.confer.db.schema.Tables.REQUEST_NUMBERS;
import static org.confer.db.schema.Tables.REQUEST_SERVICES;
import static org.confer.db.schema.Tables.SERVICE_REQUESTS;
import static org.confer.db.schema.Tables.TEAMS;
import static org.confer.db.schema.Tables.TEAM_MEMBERS;

import com.fasterxml.jackson.core.type.TypeReference;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.confer.db.schema.tables.records.RequestServicesRecord;
import org.confer.db.schema.tables.records.ServiceRequestsRecord;
import org.confer.http.JsonColumns;
import org.jooq.Condition;
import org.jooq.DSLContext;

/**
 * The SQL of services and requests. It also reads the team tables (membership, role, channels)
 * for the checks that decide who works a queue, as realtime's PresenceStore does, so each check
 * runs in the caller's transaction rather than through another feature's service.
 */
public final class RequestStore {
    private static final TypeReference<List<FormField>> FORM = new TypeReference<>() {};
    private static final TypeReference<Map<String, String>> ANSWERS = new TypeReference<>() {};
    private final JsonColumns json = new JsonColumns("a stored request column");

    // --- services

    public void insertService(DSLContext tx, ServiceDefinition s) {
        RequestServicesRecord r = tx.newRecord(REQUEST_SERVICES);
        fill(r, s);
        r.setId(s.id());
        r.setOrganisationId(s.organisationId());
        r.setCreatedAt(s.createdAt());
        r.insert();
        // The counter row exists before the first filing, so filing only ever updates it.
        tx.insertInto(REQUEST_NUMBERS).set(REQUEST_NUMBERS.ORGANISATION_ID, s.organisationId())
                .set(REQUEST_NUMBERS.LAST_NUMBER, 0L).onDuplicateKeyIgnore().execute();
    }

    public void updateService(DSLContext tx, ServiceDefinition s) {
        RequestServicesRecord r = tx.fetchSingle(REQUEST_SERVICES, REQUEST_SERVICES.ID.eq(s.id()));
        fill(r, s);
        r.update();
    }

    private void fill(RequestServicesRecord r, ServiceDefinition s) {
        r.setTeamId(s.teamId());
        r.setSlug(s.slug());
        r.setName(s.name());
        r.setQueueConversationId(s.queueConversationId());
        r.setLeadUserId(s.leadId());
        r.setAskNhsNumber(s.askNhsNumber());
        r.setFields(json.write(s.fields()));
        r.setTargetRoutine(s.targets().routine());
        r.setTargetUrgent(s.targets().urgent());
        r.setTargetEmergency(s.targets().emergency());
        r.setArchived(s.archived());
    }

    public Optional<ServiceDefinition> service(DSLContext db, UUID id) {
        return db.selectFrom(REQUEST_SERVICES).where(REQUEST_SERVICES.ID.eq(id)).fetchOptional(this::service);
    }

    public Optional<ServiceDefinition> serviceBySlug(DSLContext db, UUID organisationId, String slug) {
        return db.selectFrom(REQUEST_SERVICES)
                .where(REQUEST_SERVICES.ORGANISATION_ID.eq(organisationId).and(REQUEST_SERVICES.SLUG.eq(slug)))
                .fetchOptional(this::service);
    }

    /** The organisation's services that take requests, by name. */
    public List<ServiceDefinition> services(DSLContext db, UUID organisationId) {
        return db.selectFrom(REQUEST_SERVICES)
                .where(REQUEST_SERVICES.ORGANISATION_ID.eq(organisationId).and(REQUEST_SERVICES.ARCHIVED.isFalse()))
                .orderBy(REQUEST_SERVICES.NAME, REQUEST_SERVICES.SLUG)
                .fetch(this::service);
    }

    private ServiceDefinition service(RequestServicesRecord r) {
        return new ServiceDefinition(r.getId(), r.getOrganisationId(), r.getTeamId(), r.getSlug(), r.getName(),
                r.getQueueConversationId(), r.getLeadUserId(), r.getAskNhsNumber(), json.read(r.getFields(), FORM),
                new Targets(r.getTargetRoutine(), r.getTargetUrgent(), r.getTargetEmergency()), r.getCreatedAt(),
                r.getArchived());
    }

    // --- teams (read only)

    /** "owner" or "member" when the person belongs to the team. */
    public Optional<String> teamRole(DSLContext db, UUID teamId, UUID userId) {
        return db.select(TEAM_MEMBERS.ROLE).from(TEAM_MEMBERS)
                .where(TEAM_MEMBERS.TEAM_ID.eq(teamId).and(TEAM_MEMBERS.USER_ID.eq(userId)))
                .fetchOptional(TEAM_MEMBERS.ROLE);
    }

    public Optional<String> teamName(DSLContext db, UUID teamId) {
        return db.select(TEAMS.NAME).from(TEAMS).where(TEAMS.ID.eq(teamId).and(TEAMS.ARCHIVED_AT.isNull()))
                .fetchOptional(TEAMS.NAME);
    }

    /** Whether the conversation is a channel of the team that is not archived. */
    public boolean isOpenChannelOf(DSLContext db, UUID conversationId, UUID teamId) {
        return db.fetchExists(CONVERSATIONS, CONVERSATIONS.ID.eq(conversationId).and(CONVERSATIONS.TEAM_ID.eq(teamId))
                .and(CONVERSATIONS.KIND.eq("channel")).and(CONVERSATIONS.ARCHIVED_AT.isNull()));
    }

    // --- requests

    /** The organisation's next request number; the row lock queues concurrent filings. */
    public long nextNumber(DSLContext tx, UUID organisationId) {
        tx.update(REQUEST_NUMBERS).set(REQUEST_NUMBERS.LAST_NUMBER, REQUEST_NUMBERS.LAST_NUMBER.plus(1))
                .where(REQUEST_NUMBERS.ORGANISATION_ID.eq(organisationId)).execute();
        return tx.select(REQUEST_NUMBERS.LAST_NUMBER).from(REQUEST_NUMBERS)
                .where(REQUEST_NUMBERS.ORGANISATION_ID.eq(organisationId)).fetchSingle(REQUEST_NUMBERS.LAST_NUMBER);
    }

    public void insertRequest(DSLContext tx, ServiceRequest q) {
        ServiceRequestsRecord r = tx.newRecord(SERVICE_REQUESTS);
        r.setId(q.id());
        r.setOrganisationId(q.organisationId());
        r.setServiceId(q.serviceId());
        r.setNumber(q.number());
        r.setRequesterId(q.requesterId());
        r.setStatus(q.status().code());
        r.setPriority(q.priority().code());
        r.setLocation(q.location());
        r.setNhsNumber(q.nhsNumber());
        r.setDetails(q.details());
        r.setFields(json.write(q.fields()));
        r.setClientRequestId(q.clientRequestId());
        r.setCreatedAt(q.createdAt());
        r.setDueAt(q.dueAt());
        r.setUpdatedAt(q.updatedAt());
        r.insert();
    }

    public Optional<ServiceRequest> request(DSLContext db, UUID id) {
        return db.selectFrom(SERVICE_REQUESTS).where(SERVICE_REQUESTS.ID.eq(id)).fetchOptional(this::request);
    }

    /** The request with its row locked until the transaction ends: one step at a time. */
    public Optional<ServiceRequest> requestForUpdate(DSLContext tx, UUID id) {
        return tx.selectFrom(SERVICE_REQUESTS).where(SERVICE_REQUESTS.ID.eq(id)).forUpdate().fetchOptional(this::request);
    }

    public Optional<ServiceRequest> byClientRequestId(DSLContext db, UUID requesterId, String clientRequestId) {
        return db.selectFrom(SERVICE_REQUESTS)
                .where(SERVICE_REQUESTS.REQUESTER_ID.eq(requesterId).and(SERVICE_REQUESTS.CLIENT_REQUEST_ID.eq(clientRequestId)))
                .fetchOptional(this::request);
    }

    public void setQueueMessage(DSLContext db, UUID id, UUID messageId) {
        db.update(SERVICE_REQUESTS).set(SERVICE_REQUESTS.QUEUE_MESSAGE_ID, messageId).where(SERVICE_REQUESTS.ID.eq(id)).execute();
    }

    public void updateStep(DSLContext tx, UUID id, RequestStatus status, UUID assigneeId, OffsetDateTime at) {
        tx.update(SERVICE_REQUESTS)
                .set(SERVICE_REQUESTS.STATUS, status.code())
                .set(SERVICE_REQUESTS.ASSIGNEE_ID, assigneeId)
                .set(SERVICE_REQUESTS.UPDATED_AT, at)
                .set(SERVICE_REQUESTS.DONE_AT, status.finished() ? at : null)
                .where(SERVICE_REQUESTS.ID.eq(id)).execute();
    }

    public void markOverdue(DSLContext tx, UUID id, OffsetDateTime at) {
        tx.update(SERVICE_REQUESTS).set(SERVICE_REQUESTS.OVERDUE_NOTIFIED_AT, at).set(SERVICE_REQUESTS.UPDATED_AT, at)
                .where(SERVICE_REQUESTS.ID.eq(id)).execute();
    }

    /** The overdue messages of this request have all been sent. */
    public void markTold(DSLContext tx, UUID id, OffsetDateTime at) {
        tx.update(SERVICE_REQUESTS).set(SERVICE_REQUESTS.OVERDUE_TOLD_AT, at).where(SERVICE_REQUESTS.ID.eq(id)).execute();
    }

    /** Requests marked overdue before {@code before} whose messages are still owed (unfinished ones only). */
    public List<ServiceRequest> overdueUntold(DSLContext db, OffsetDateTime before, int limit) {
        return db.selectFrom(SERVICE_REQUESTS)
                .where(SERVICE_REQUESTS.OVERDUE_NOTIFIED_AT.le(before).and(SERVICE_REQUESTS.OVERDUE_TOLD_AT.isNull())
                        .and(SERVICE_REQUESTS.STATUS.notIn(RequestStatus.DONE.code(), RequestStatus.CANCELLED.code())))
                .orderBy(SERVICE_REQUESTS.OVERDUE_NOTIFIED_AT)
                .limit(limit)
                .fetch(this::request);
    }

    public List<ServiceRequest> byRequester(DSLContext db, UUID requesterId, int limit) {
        return newestFirst(db, SERVICE_REQUESTS.REQUESTER_ID.eq(requesterId), limit);
    }

    public List<ServiceRequest> byService(DSLContext db, UUID serviceId, RequestStatus status, int limit) {
        Condition c = SERVICE_REQUESTS.SERVICE_ID.eq(serviceId);
        return newestFirst(db, status == null ? c : c.and(SERVICE_REQUESTS.STATUS.eq(status.code())), limit);
    }

    private List<ServiceRequest> newestFirst(DSLContext db, Condition c, int limit) {
        return db.selectFrom(SERVICE_REQUESTS).where(c)
                .orderBy(SERVICE_REQUESTS.CREATED_AT.desc(), SERVICE_REQUESTS.NUMBER.desc())
                .limit(limit).fetch(this::request);
    }

    /**
     * Requests past their due time, not finished and not yet escalated, locked so that one node
     * escalates each (another node's timer skips the locked rows; once committed they are marked).
     */
    public List<ServiceRequest> overdueForUpdate(DSLContext tx, OffsetDateTime now, int limit) {
        return tx.selectFrom(SERVICE_REQUESTS)
                .where(SERVICE_REQUESTS.OVERDUE_NOTIFIED_AT.isNull().and(SERVICE_REQUESTS.DUE_AT.le(now))
                        .and(SERVICE_REQUESTS.STATUS.notIn(RequestStatus.DONE.code(), RequestStatus.CANCELLED.code())))
                .orderBy(SERVICE_REQUESTS.DUE_AT)
                .limit(limit)
                // Skipped, not waited for: another node is escalating those, and nodes share a backlog.
                .forUpdate()
                .skipLocked()
                .fetch(this::request);
    }

    private ServiceRequest request(ServiceRequestsRecord r) {
        return new ServiceRequest(r.getId(), r.getOrganisationId(), r.getServiceId(), r.getNumber(), r.getRequesterId(),
                r.getAssigneeId(), RequestStatus.parse(r.getStatus()).orElseThrow(), Priority.parse(r.getPriority()).orElseThrow(),
                r.getLocation(), r.getNhsNumber(), r.getDetails(), json.read(r.getFields(), ANSWERS), r.getClientRequestId(),
                r.getQueueMessageId(), r.getCreatedAt(), r.getDueAt(), r.getUpdatedAt(), r.getOverdueNotifiedAt(), r.getDoneAt());
    }
}
