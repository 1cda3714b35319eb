package org.confer.testing;

import java.util.Map;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.junit.jupiter.api.parallel.ResourceLocksProvider;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Base for integration tests: the whole class runs once on H2 and once on PostgreSQL, each time
 * against its own freshly started server and empty database (plus the demo seed).
 *
 * <p>{@code CONCURRENT}: junit-platform.properties makes top-level classes concurrent, but a
 * {@code @ParameterizedClass} takes the default mode (same_thread), so every ServerTest class ran
 * one after another on one thread. With it they run three at a time like the other classes. A
 * lock of the class's own ({@link OwnLock}) keeps its methods and its two backends sequential:
 * JUnit runs everything under a class that holds a lock in that class's thread.
 */
@Execution(ExecutionMode.CONCURRENT)
@ResourceLock(providers = ServerTest.OwnLock.class)
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

    /** A lock named after the test class: no other class takes it, so it only serialises the class's own methods. */
    public static final class OwnLock implements ResourceLocksProvider {
        @Override
        public java.util.Set<Lock> provideForClass(Class<?> testClass) {
            return java.util.Set.of(new Lock("server-test:" + testClass.getName()));
        }
    }
}
