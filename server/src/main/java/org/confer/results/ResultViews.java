package org.confer.results;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.confer.clinical.ResultReport;

/** The wire shapes of the results API (docs/bots-and-results.md, "API"). */
public final class ResultViews {
    private ResultViews() {}

    public record Items<T>(List<T> items) {}

    public record AlertView(UUID userId, String reason, int level, OffsetDateTime at, OffsetDateTime acknowledgedAt) {}

    public record ResultView(UUID id, String nhsNumber, String patientName, String testCode, String testName, String lab,
                             String specimen, String status, OffsetDateTime collectedAt, OffsetDateTime reportedAt,
                             OffsetDateTime receivedAt, boolean critical, List<ResultReport.Clinician> orderers,
                             List<ResultReport.Observation> observations, UUID acknowledgedBy, OffsetDateTime acknowledgedAt,
                             List<AlertView> alerts) {}

    public record Summary(UUID id, String nhsNumber, String patientName, String testName, boolean critical,
                          OffsetDateTime receivedAt, OffsetDateTime acknowledgedAt) {}

    public record AuditItem(OffsetDateTime at, UUID actorId, String action, Map<String, Object> detail) {}

    public record Watch(UUID id, String nhsNumber, String test, OffsetDateTime createdAt) {}

    public record Step(UUID onCallRoleId, int afterMinutes) {}

    public record Settings(UUID inboxConversationId, int deputyAfterMinutes, List<Step> chain) {}

    public record OnCallRole(UUID id, String name, UUID holderId, String holderName, OffsetDateTime updatedAt) {}

    public record Identifier(String system, String value) {}

    public record Feed(UUID id, String sendingFacility, String name, OffsetDateTime createdAt) {}

    public record Acknowledged(UUID acknowledgedBy, OffsetDateTime acknowledgedAt) {}

    static ResultView view(StoredResult r, List<Alert> alerts) {
        ResultReport p = r.report();
        return new ResultView(r.id(), p.nhsNumber(), p.patientName(), p.testCode(), p.testName(), p.lab(), p.specimen(), p.status(),
                p.collectedAt(), p.reportedAt(), r.receivedAt(), r.critical(), p.orderers(), p.observations(), r.acknowledgedBy(),
                r.acknowledgedAt(), alerts.stream().map(a -> new AlertView(a.userId(), a.reason(), a.level(),
                        a.postedAt() != null ? a.postedAt() : a.createdAt(), a.acknowledgedAt())).toList());
    }

    static Summary summary(StoredResult r) {
        return new Summary(r.id(), r.report().nhsNumber(), r.report().patientName(), r.report().testName(), r.critical(),
                r.receivedAt(), r.acknowledgedAt());
    }
}
