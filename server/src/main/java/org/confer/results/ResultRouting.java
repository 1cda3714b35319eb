package org.confer.results;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.confer.clinical.ResultReport;
import org.jooq.DSLContext;

/**
 * Who is told about a result: the ordering clinicians found by professional identifier, the
 * people watching the patient (and test), else the organisation's results-inbox channel. Only
 * active people of the result's organisation are ever chosen: an identifier or watch from another
 * organisation never matches (the lookups are scoped by organisation). A name is never matched.
 */
final class ResultRouting {

    /** One recipient: a person ({@code userId}) or the inbox ({@code userId == null}). */
    record Recipient(UUID userId, String reason, String why) {}

    private final ResultDirectoryStore directory;

    ResultRouting(ResultDirectoryStore directory) {
        this.directory = directory;
    }

    List<Recipient> recipients(DSLContext tx, UUID organisationId, ResultReport report) {
        Map<UUID, Recipient> people = new LinkedHashMap<>();
        for (ResultReport.Clinician c : report.orderers() == null ? List.<ResultReport.Clinician>of() : report.orderers()) {
            if (c.system() == null || c.value() == null) {
                continue;
            }
            Optional<UUID> who = directory.personByIdentifier(tx, organisationId, c.system().toUpperCase(Locale.ROOT), c.value().trim());
            who.ifPresent(u -> people.putIfAbsent(u, new Recipient(u, Alert.ORDERER, c.system() + " " + c.value())));
        }
        if (report.nhsNumber() != null) {
            for (ResultDirectoryStore.Watch w : directory.watchesOf(tx, organisationId, report.nhsNumber())) {
                if (matchesTest(w.test(), report)) {
                    people.putIfAbsent(w.userId(), new Recipient(w.userId(), Alert.WATCHER,
                            "watching NHS " + w.nhsNumber() + (w.test().isEmpty() ? "" : " " + w.test())));
                }
            }
        }
        List<Recipient> all = new ArrayList<>(people.values());
        if (all.stream().noneMatch(r -> r.reason().equals(Alert.ORDERER))) {
            // Nobody who ordered it was found: lab liaison must see it, even when a watcher did.
            all.add(new Recipient(null, Alert.INBOX, ResultCards.unmatchedWhy(report)));
        }
        return all;
    }

    /** An empty watch matches every test; otherwise the test's code or name, ignoring case. */
    static boolean matchesTest(String watched, ResultReport report) {
        if (watched == null || watched.isEmpty()) {
            return true;
        }
        String w = watched.toLowerCase(Locale.ROOT);
        return equalsIgnoreCase(report.testCode(), w) || contains(report.testName(), w)
                || report.observations().stream().anyMatch(o -> equalsIgnoreCase(o.code(), w) || contains(o.name(), w));
    }

    private static boolean equalsIgnoreCase(String s, String lower) {
        return s != null && s.toLowerCase(Locale.ROOT).equals(lower);
    }

    private static boolean contains(String s, String lower) {
        return s != null && s.toLowerCase(Locale.ROOT).contains(lower);
    }
}
