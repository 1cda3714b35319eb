package org.confer.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The benchmark itself still works: a tiny fan-out against the freshly built server jar
 * delivers everything exactly once and in order. No timing is asserted — this is not a benchmark.
 */
class FanoutSmokeTest {

    @Test
    void a_tiny_fanout_delivers_every_message_to_every_member_once_and_in_order() throws Exception {
        Path jar = Path.of("..", "server", "target", "confer.jar");
        assertThat(jar).as("the server module packages before the bench module is tested").exists();
        Options o = Options.parse(new String[] {"fanout", "--start", "h2", "--jar", jar.toString(),
                "--members", "5", "--messages", "40", "--window", "4", "--server-heap", "256m"});
        JsonNode r;
        try (ServerUnderTest server = ServerUnderTest.from(o)) {
            r = FanoutScenario.run(o, server).json;
        }
        assertThat(r.get("expected").asLong()).isEqualTo(200);
        assertThat(r.get("delivered").asLong()).isEqualTo(200);
        assertThat(r.get("lost").asLong()).isZero();
        assertThat(r.get("duplicates").asLong()).isZero();
        assertThat(r.get("outOfOrder").asLong()).isZero();
        assertThat(r.get("complete").asBoolean()).isTrue();
    }
}
