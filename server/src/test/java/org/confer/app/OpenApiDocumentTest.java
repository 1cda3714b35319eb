package org.confer.app;

import org.confer.http.Route;
import org.confer.http.ProblemType;
import org.confer.http.Access;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.confer.testing.Api;
import org.confer.testing.Backend;
import org.confer.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** The OpenAPI document served at /api/v1/openapi.json describes exactly the routes the server has. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OpenApiDocumentTest {
    private static final Set<String> HTTP_METHODS = Set.of("get", "post", "put", "patch", "delete");
    private TestServer server;
    private JsonNode doc;

    @BeforeAll
    void start() {
        server = TestServer.start(Backend.H2, Map.of());
        Api.Response r = server.api.get("/api/v1/openapi.json", null);
        assertThat(r.status()).isEqualTo(200);
        doc = r.json();
    }

    @AfterAll
    void stop() {
        server.close();
    }

    @Test
    void every_route_is_documented_and_every_documented_operation_exists() {
        Set<String> served = new TreeSet<>();
        for (Route r : server.app().routes()) {
            served.add(r.method().name() + " " + r.path());
        }
        Set<String> documented = new TreeSet<>();
        doc.get("paths").properties().forEach(path -> path.getValue().properties().forEach(op -> {
            if (HTTP_METHODS.contains(op.getKey())) {
                documented.add(op.getKey().toUpperCase(Locale.ROOT) + " " + path.getKey());
            }
        }));
        assertThat(documented).isEqualTo(served);
    }

    @Test
    void public_operations_and_only_those_are_documented_as_needing_no_authentication() {
        for (Route r : server.app().routes()) {
            JsonNode op = doc.get("paths").get(r.path()).get(r.method().name().toLowerCase(Locale.ROOT));
            boolean documentedPublic = op.has("security") && op.get("security").isEmpty();
            assertThat(documentedPublic).as(r.method() + " " + r.path()).isEqualTo(r.access() == Access.PUBLIC);
        }
    }

    @Test
    void every_problem_type_is_documented_in_docs_api_problems_md() throws IOException {
        // Tests run with the server module as working directory.
        String problems = Files.readString(Path.of("..", "docs", "api", "problems.md"));
        for (ProblemType t : ProblemType.values()) {
            assertThat(problems).as(t.name()).contains("`" + t.uri() + "`");
        }
    }
}
