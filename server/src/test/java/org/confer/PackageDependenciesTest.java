package org.confer;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The module floors of docs/architecture.md, checked on the source: {@code Confer → app →
 * features → events, identity → db, http}. A package may use the floors below it and never one
 * above; features are siblings that meet in {@code events}; nothing but the composition root
 * imports {@code app}; and there are no cycles at all.
 */
class PackageDependenciesTest {
    private static final Path SOURCES = Path.of("src/main/java/org/confer");
    private static final Pattern USE = Pattern.compile("org\\.confer\\.([a-z]+)\\.");

    /** The floor of each package: a package may depend only on packages of a lower floor. */
    private static final Map<String, Integer> FLOORS = Map.ofEntries(
            Map.entry("http", 0), Map.entry("db", 0), Map.entry("limits", 0),
            Map.entry("text", 1), Map.entry("mail", 1),
            // The audit trail (SQL only) and clinical message formats (HL7 v2, FHIR, NHS numbers: no I/O).
            Map.entry("audit", 1), Map.entry("clinical", 1),
            Map.entry("identity", 2), Map.entry("events", 2),
            // The cluster's bus (NATS) carries events' frames and fills gaps from their logs.
            Map.entry("cluster", 3),
            Map.entry("chat", 3), Map.entry("activity", 3), Map.entry("realtime", 3), Map.entry("preferences", 3),
            Map.entry("pins", 3), Map.entry("media", 3),
            // Search reads chat's tables in its own store and hears messages on the bus; it imports no feature.
            Map.entry("search", 3),
            // The audit log's admin side (reading, export, verification, retention): audit's chain plus identity's principals.
            Map.entry("auditlog", 3),
            // Single sign-on: OpenID Connect sign-in through identity's sessions, recorded in the audit trail.
            Map.entry("sso", 3),
            // The cross-organisation policy's admin side: identity's rule, plus chat's tables read by SQL for conflicts.
            Map.entry("policy", 3),
            // Calls use chat's membership and the media floor; meetings start and join calls.
            Map.entry("calls", 4),
            // Bots post through chat; the Results and Requests bots are built on bots.
            Map.entry("bots", 4),
            // Files hold chat's attachments (chat.Attachments) and use its membership guard.
            Map.entry("files", 4),
            // SCIM provisioning: people through identity's directory, groups as chat's teams (docs/provisioning.md).
            Map.entry("scim", 4),
            Map.entry("meetings", 5), Map.entry("results", 5), Map.entry("requests", 5),
            // SMS is an outbound gateway (no I/O of ours below it); visits use mail, chat, teams and sms.
            Map.entry("sms", 1), Map.entry("visits", 5),
            // Retention acts on chat's messages and files' blobs (docs/retention.md): above both.
            Map.entry("retention", 5),
            Map.entry("analytics", 3), // reads the features' tables by SQL only (docs/analytics.md); imports no feature
            Map.entry("app", 6));

    @Test
    void everyPackageHasAFloorInTheArchitecture() {
        assertThat(FLOORS.keySet()).containsAll(packages().keySet());
    }

    @Test
    void packagesDependOnlyOnLowerFloors() {
        List<String> upwardOrSideways = new ArrayList<>();
        packages().forEach((from, uses) -> {
            for (String to : uses) {
                if (FLOORS.getOrDefault(to, 99) >= FLOORS.getOrDefault(from, -1)) {
                    upwardOrSideways.add(from + " -> " + to);
                }
            }
        });
        assertThat(upwardOrSideways).as("dependencies that are not strictly downwards").isEmpty();
    }

    @Test
    void onlyTheEntryPointImportsTheCompositionRoot() {
        List<String> importers = new ArrayList<>();
        packages().forEach((from, uses) -> {
            if (!from.equals("app") && uses.contains("app")) {
                importers.add(from);
            }
        });
        assertThat(importers).isEmpty();
    }

    @Test
    void thereAreNoCycles() {
        Map<String, Set<String>> graph = packages();
        List<String> cycles = new ArrayList<>();
        for (String start : graph.keySet()) {
            if (reaches(graph, start, start, new TreeSet<>())) {
                cycles.add(start);
            }
        }
        assertThat(cycles).as("packages on a dependency cycle").isEmpty();
    }

    private static boolean reaches(Map<String, Set<String>> graph, String from, String target, Set<String> seen) {
        for (String next : graph.getOrDefault(from, Set.of())) {
            if (next.equals(target)) {
                return true;
            }
            if (seen.add(next) && reaches(graph, next, target, seen)) {
                return true;
            }
        }
        return false;
    }

    /** Each package under org.confer and the other packages its sources name (imports or qualified names). */
    private static Map<String, Set<String>> packages() {
        Map<String, Set<String>> graph = new TreeMap<>();
        try (Stream<Path> files = Files.walk(SOURCES)) {
            files.filter(f -> f.toString().endsWith(".java")).forEach(f -> {
                Path relative = SOURCES.relativize(f);
                if (relative.getNameCount() < 2) {
                    return; // Confer.java, the entry point, may use anything
                }
                String pkg = relative.getName(0).toString();
                Set<String> uses = graph.computeIfAbsent(pkg, k -> new TreeSet<>());
                Matcher m = USE.matcher(read(f));
                while (m.find()) {
                    if (!m.group(1).equals(pkg)) {
                        uses.add(m.group(1));
                    }
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        assertThat(graph).as("sources found under " + SOURCES.toAbsolutePath()).isNotEmpty();
        return graph;
    }

    private static String read(Path f) {
        try {
            return Files.readString(f);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
