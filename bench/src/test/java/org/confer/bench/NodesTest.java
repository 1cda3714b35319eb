package org.confer.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The multi-node plumbing without a server: node lists, the round-robin, the per-node arithmetic. */
class NodesTest {

    @Test
    void a_repeated_url_adds_a_node_like_a_comma_separated_list() throws Exception {
        Options repeated = Options.parse(new String[] {"fanout", "--url", "http://a:1", "--url=http://b:2", "--members", "3"});
        Options listed = Options.parse(new String[] {"fanout", "--url", "http://a:1,http://b:2", "--members", "4", "--members", "3"});
        assertThat(repeated.get("url", null)).isEqualTo("http://a:1,http://b:2");
        assertThat(listed.get("url", null)).isEqualTo("http://a:1,http://b:2");
        assertThat(listed.intValue("members", 0)).as("other keys keep their last value").isEqualTo(3);
        try (ServerUnderTest s = ServerUnderTest.from(repeated)) {
            assertThat(s.urls).containsExactly("http://a:1", "http://b:2");
            assertThat(s.url).isEqualTo("http://a:1");
            assertThat(s.nodeStats()).hasSize(2).containsOnlyNulls();
        }
    }

    @Test
    void several_nodes_need_postgresql_because_they_share_one_database() {
        assertThatThrownBy(() -> ServerUnderTest.from(Options.parse(new String[] {"fanout", "--start", "h2", "--nodes", "2"})))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--start postgres");
    }

    @Test
    void clients_go_round_robin_over_the_nodes_whatever_their_number() throws Exception {
        try (Api api = new Api(List.of("http://a:1", "http://b:2", "http://c:3"), 2)) {
            assertThat(api.nodes()).isEqualTo(3);
            assertThat(List.of(api.node(0), api.node(1), api.node(2), api.node(3), api.node(-1))).containsExactly(0, 1, 2, 0, 2);
        }
    }

    @Test
    void per_node_cpu_is_divided_by_all_sends_and_by_that_nodes_own_deliveries() {
        Usage.Figures f = new Usage.Figures(300, 50, 10, 10,
                List.of(new Usage.Node(6.0, 30, 200), new Usage.Node(2.0, 10, 100)), 3.0, 2_000_000, 0.5);
        Report r = new Report("fanout", Map.of());
        f.perMessage(r, List.of("http://a:1", "http://b:2"), new long[] {700, 300}, new long[] {20_000, 60_000});
        JsonNode j = r.json;
        assertThat(j.get("serverCpuSeconds").asDouble()).isEqualTo(8.0);
        assertThat(j.get("serverCpuMsPerSend").asDouble()).isEqualTo(8.0);
        assertThat(j.get("serverCpuUsPerDelivery").asDouble()).isEqualTo(100.0);
        assertThat(j.get("nodes").get(0).get("cpuMsPerSend").asDouble()).isEqualTo(6.0);
        assertThat(j.get("nodes").get(1).get("cpuMsPerSend").asDouble()).isEqualTo(2.0);
        assertThat(j.get("nodes").get(0).get("cpuUsPerDelivery").asDouble()).isEqualTo(300.0);
        assertThat(j.get("nodes").get(1).get("cpuUsPerDelivery").asDouble()).isCloseTo(33.33, org.assertj.core.data.Offset.offset(0.01));
        assertThat(j.get("nodes").get(1).get("sends").asLong()).isEqualTo(300);
        assertThat(j.get("databaseCpuMsPerSend").asDouble()).isEqualTo(3.0);
        assertThat(j.get("walBytesPerSend").asLong()).isEqualTo(2_000);
        assertThat(j.get("natsCpuMsPerSend").asDouble()).isEqualTo(0.5);
    }

    @Test
    void an_unmeasurable_node_makes_the_totals_unknown_not_smaller() {
        Usage.Figures f = new Usage.Figures(-1, -1, 10, 10, List.of(new Usage.Node(6.0, 30, 200), new Usage.Node(-1, -1, -1)), -1, -1, -1);
        Report r = new Report("fanout", Map.of());
        f.perMessage(r, List.of("http://a:1", "http://b:2"), new long[] {1, 1}, new long[] {1, 1});
        assertThat(r.json.get("serverCpuMsPerSend").asDouble()).isEqualTo(-1);
        assertThat(r.json.get("nodes").get(1).get("cpuMsPerSend").asDouble()).isEqualTo(-1);
        assertThat(r.json.has("databaseCpuMsPerSend")).isFalse();
    }
}
