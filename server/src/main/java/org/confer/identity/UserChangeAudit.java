package org.confer.identity;

import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.confer.audit.AuditTrail;
import org.jooq.DSLContext;

/**
 * The audit records of a change to a person (docs/administration.md, "The audit trail"):
 * {@code user.updated} naming the fields changed (a role as "member -> org_admin"), and
 * {@code user.disabled} / {@code user.enabled} for the status; nothing when nothing changed.
 */
final class UserChangeAudit {
    private UserChangeAudit() {}

    static void record(AuditTrail trail, DSLContext tx, Principal who, User before, User after, OffsetDateTime now) {
        Map<String, Object> changed = new LinkedHashMap<>();
        if (!after.displayName().equals(before.displayName())) {
            changed.put("displayName", after.displayName());
        }
        if (!Objects.equals(after.jobTitle(), before.jobTitle())) {
            changed.put("jobTitle", String.valueOf(after.jobTitle()));
        }
        if (!Objects.equals(after.department(), before.department())) {
            changed.put("department", String.valueOf(after.department()));
        }
        if (after.role() != before.role()) {
            changed.put("role", before.role().code() + " -> " + after.role().code());
        }
        if (!changed.isEmpty()) {
            trail.record(tx, after.organisationId(), who.userId(), "user.updated", "user", after.id(), changed, now);
        }
        if (after.status() != before.status()) {
            trail.record(tx, after.organisationId(), who.userId(), after.status() == UserStatus.DISABLED ? "user.disabled" : "user.enabled",
                    "user", after.id(), Map.of(), now);
        }
    }
}
