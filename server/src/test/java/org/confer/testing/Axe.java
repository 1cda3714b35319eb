package org.confer.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.microsoft.playwright.Page;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * axe-core (web/node_modules/axe-core, a devDependency of the web client installed by the web
 * module's {@code npm ci} before the server tests run) evaluated inside a page, checking the WCAG
 * 2.1 A and AA rules. {@link #assertNoSeriousViolations} fails listing every serious or critical
 * violation with its rule, impact and the selectors of the elements concerned.
 */
public final class Axe {
    /** The rule tags checked: WCAG 2.0 and 2.1, levels A and AA. */
    public static final List<String> WCAG_21_AA = List.of("wcag2a", "wcag2aa", "wcag21a", "wcag21aa");
    private static final Set<String> BLOCKING = Set.of("serious", "critical");
    private static final Path SCRIPT_IN_REPO = Path.of("web", "node_modules", "axe-core", "axe.min.js");
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One rule broken on the page: its id, impact (minor … critical), summary and the elements' selectors. */
    public record Violation(String id, String impact, String help, List<String> targets) {
        @Override
        public String toString() {
            return id + " (" + impact + "): " + help + "\n      at " + String.join("\n      at ", targets);
        }
    }

    private Axe() {}

    /** Every WCAG 2.1 A/AA violation axe finds on the page as it is now. */
    public static List<Violation> violations(Page page) {
        // Page.evaluate runs through the DevTools protocol, so the page's CSP (script-src 'self') does not block it.
        if (!Boolean.TRUE.equals(page.evaluate("() => typeof window.axe === 'object'"))) {
            page.evaluate("() => {\n" + script() + "\n}");
        }
        String found = (String) page.evaluate("""
                async (tags) => {
                  const result = await axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] });
                  return JSON.stringify(result.violations.map((v) => ({
                    id: v.id, impact: v.impact, help: v.help,
                    targets: v.nodes.map((n) => n.target.join(' ') + (n.failureSummary ? ' — ' + n.failureSummary.replace(/\\s+/g, ' ') : '')),
                  })));
                }""", WCAG_21_AA);
        try {
            List<Violation> out = new ArrayList<>();
            for (JsonNode v : JSON.readTree(found)) {
                List<String> targets = new ArrayList<>();
                v.get("targets").forEach(t -> targets.add(t.asText()));
                out.add(new Violation(v.get("id").asText(), v.path("impact").asText("unknown"), v.get("help").asText(), targets));
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Fails when axe finds a serious or critical WCAG 2.1 A/AA violation; {@code where} names the screen. */
    public static void assertNoSeriousViolations(Page page, String where) {
        List<Violation> all = violations(page);
        // Minor and moderate findings do not fail the build, but are worth seeing in the test log.
        all.stream().filter(v -> !BLOCKING.contains(v.impact())).forEach(v -> System.out.println("axe on " + where + ": " + v));
        List<Violation> blocking = all.stream().filter(v -> BLOCKING.contains(v.impact())).toList();
        if (!blocking.isEmpty()) {
            throw new AssertionError(blocking.size() + " serious or critical accessibility violation(s) on " + where + ":\n  "
                    + blocking.stream().map(Violation::toString).collect(Collectors.joining("\n  ")));
        }
    }

    private static String script() {
        Path file = locate(Path.of("").toAbsolutePath());
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * web/node_modules/axe-core/axe.min.js found from the working directory upwards (Maven runs
     * the server tests in server/, an IDE may run them at the repository root).
     */
    static Path locate(Path start) {
        for (Path dir = start; dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve(SCRIPT_IN_REPO);
            if (Files.isRegularFile(candidate)) {
                return candidate;
            }
        }
        throw new AssertionError("axe-core not found as " + SCRIPT_IN_REPO + " in " + start + " or any parent: run npm ci in web/");
    }
}
