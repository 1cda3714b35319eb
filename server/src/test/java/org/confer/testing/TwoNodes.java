package org.confer.testing;

import java.util.HashMap;
import java.util.Map;

/**
 * Two Confer nodes in this JVM on one fresh PostgreSQL database, sharing a nats-server of the
 * test's own (docs/cluster.md): a cluster a test can stop NATS under. Skips when PostgreSQL or
 * nats-server is missing, and fails instead under CI=true.
 */
public final class TwoNodes implements AutoCloseable {
    public final NatsServer nats;
    public final TestServer a;
    public final TestServer b;
    private final TestStorage storage;
    private final Map<String, String> env;

    private TwoNodes(NatsServer nats, TestStorage storage, Map<String, String> env, TestServer a, TestServer b) {
        this.nats = nats;
        this.storage = storage;
        this.env = env;
        this.a = a;
        this.b = b;
    }

    /** {@code settings} (CONFER_* names) apply to both nodes. */
    public static TwoNodes start(Map<String, String> settings) {
        Postgres.assumeAvailable();
        NatsServer nats = NatsServer.start();
        TestStorage storage = TestStorage.createMigrated(Backend.POSTGRES);
        Map<String, String> env = new HashMap<>(settings);
        env.put("CONFER_NATS_URL", nats.url());
        TestServer a = TestServer.start(storage, env);
        TestServer b = TestServer.start(storage, env);
        return new TwoNodes(nats, storage, env, a, b);
    }

    /** A further node of the same cluster; the caller closes it. */
    public TestServer startAnother() {
        return TestServer.start(storage, env);
    }

    @Override
    public void close() {
        for (AutoCloseable c : new AutoCloseable[] {b, a, storage, nats}) {
            try {
                c.close();
            } catch (Exception ignored) {
                // Best effort: the next resource still closes.
            }
        }
    }
}
