package org.confer.app;

import java.io.PrintStream;
import java.util.List;
import java.util.Optional;

/** What a start prints: where Confer listens, on which database, how long it took, and what to do next. */
final class StartBanner {
    private StartBanner() {}

    static void print(PrintStream out, Config config, int port, String base, long startMillis, List<String> lines,
                      Optional<String> setupToken) {
        out.println("Confer is listening on " + config.bind() + ":" + port + " (" + base + "), "
                + (config.isPostgres() ? "PostgreSQL" : "embedded H2 in " + config.dataDir()) + ", started in " + startMillis + " ms");
        lines.forEach(out::println);
        setupToken.ifPresent(token -> {
            out.println("No platform admin exists yet. Create the first one (token valid 24 h, replaced at each start):");
            out.println("  " + base + "/setup.html#token=" + token);
            out.println("  or POST " + base + "/api/v1/setup with {\"token\":\"" + token + "\", ...} (see docs/operations.md)");
        });
        out.flush();
    }
}
