package org.confer.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The tti scenario still works: two cold and two warm loads of the sign-in page in the machine's
 * Chromium against the freshly built server jar all reach "ready" and report every measure. No
 * timing is asserted — this is not a benchmark. Skipped without Chromium, except under CI=true.
 */
class TtiSmokeTest {

    @Test
    void every_load_of_the_sign_in_page_becomes_ready_and_is_measured() throws Exception {
        Path chromium = Path.of(System.getenv().getOrDefault("CONFER_TEST_CHROMIUM", "/usr/bin/chromium"));
        if (!"true".equals(System.getenv("CI"))) {
            Assumptions.assumeTrue(Files.isExecutable(chromium), "Chromium not installed at " + chromium);
        }
        Path jar = Path.of("..", "server", "target", "confer.jar");
        assertThat(jar).as("the server module packages before the bench module is tested").exists();
        Options o = Options.parse(new String[] {"tti", "--start", "h2", "--jar", jar.toString(), "--runs", "2",
                "--server-heap", "256m", "--chromium", chromium.toString()});
        JsonNode r;
        try (ServerUnderTest server = ServerUnderTest.from(o)) {
            r = TtiScenario.run(o, server).json;
        }
        assertThat(r.get("expected").asInt()).isEqualTo(4);
        assertThat(r.get("lost").asInt()).isZero();
        for (String mode : new String[] {"cold", "warm"}) {
            for (String metric : new String[] {"DomInteractive", "DomContentLoaded", "Load", "Ready"}) {
                assertThat(r.get(mode + metric + "P50Ms").asDouble()).as(mode + metric).isPositive();
                assertThat(r.get(mode + metric + "P95Ms").asDouble()).isGreaterThanOrEqualTo(r.get(mode + metric + "P50Ms").asDouble());
            }
        }
        // A cold load fetches the page and its script and styles; a warm one takes them from the cache.
        assertThat(r.get("coldTransferredKiB").asDouble()).isGreaterThan(r.get("warmTransferredKiB").asDouble());
    }
}
