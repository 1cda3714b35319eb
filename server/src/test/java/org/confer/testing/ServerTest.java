package org.confer.testing;

import java.util.Map;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Base for integration tests: the whole class runs once on H2 and once on PostgreSQL, each time
 * against its own freshly started server and empty database (plus the demo seed).
 */
@ParameterizedClass(name = "[{0}]")
@EnumSource(Backend.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class ServerTest {
    protected TestServer server;
    protected Api api;
    @Parameter
    protected Backend backend;

    /** Settings (CONFER_* names) this test class needs on top of the test defaults. */
    protected Map<String, String> settings() {
        return Map.of();
    }

    @BeforeParameterizedClassInvocation
    void startServer() {
        this.server = TestServer.start(backend, settings());
        this.api = server.api;
        afterStart();
    }

    /** Runs once per backend after the server has started: build fixtures here. */
    protected void afterStart() {}

    @AfterParameterizedClassInvocation
    void stopServer() {
        if (server != null) {
            server.close();
            server = null;
        }
    }
}
