package org.confer.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The search scenario still works at a tiny size: it seeds by SQL into a stopped H2 server, the
 * restart rebuilds the Lucene index, and queries and lag samples complete. Its own server: the
 * scenario stops and restarts it, which the other scenarios' shared server must not see. No
 * timing is asserted.
 */
class SearchSmokeTest {
    private static final Path JAR = Path.of("..", "server", "target", "confer.jar");

    @Test
    void a_tiny_search_run_seeds_rebuilds_queries_and_measures_lag() throws Exception {
        assertThat(JAR).as("the server module packages before the bench module is tested").exists();
        Options o = Options.parse(new String[] {"search", "--start", "h2", "--jar", JAR.toString(), "--server-heap", "256m",
                "--messages", "2000", "--conversations", "50", "--people", "40", "--searchers", "3", "--member-of", "10",
                "--queries", "20", "--lag-samples", "3"});
        try (ServerUnderTest server = ServerUnderTest.from(o)) {
            JsonNode r = SearchScenario.run(o, server).json;
            assertThat(r.get("engine").asText()).isEqualTo("lucene");
            assertThat(r.get("delivered").asLong()).isEqualTo(3);
            assertThat(r.get("meanHitsPerQuery").asDouble()).as("the seeded history is found").isPositive();
            assertThat(r.get("lagP99Ms").asDouble()).isPositive();
        }
    }
}
