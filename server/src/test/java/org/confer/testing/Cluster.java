package org.confer.testing;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.confer.app.App;
import org.jooq.DSLContext;

/**
 * Several Confer nodes in this JVM on one fresh PostgreSQL schema (issue 18, "cluster"): what a
 * load balancer's pool looks like to the database. Each node is a whole {@link TestServer} with
 * its own clock, pool and timers; the first seeds the demo data, the others start on it. Skips
 * the caller when PostgreSQL is unreachable, and fails it under CI=true ({@link Postgres}).
 */
public final class Cluster implements AutoCloseable {
    private final TestStorage storage;
    private final List<TestServer> nodes = new ArrayList<>();

    private Cluster(TestStorage storage) {
        this.storage = storage;
    }

    /**
     * Starts {@code size} nodes one after another (as a rolling start would). {@code first} are
     * settings for the first node only (an MLLP port, which only one node can listen on);
     * {@code all} apply to every node.
     */
    public static Cluster start(int size, Map<String, String> all, Map<String, String> first) {
        Cluster c = new Cluster(TestStorage.createMigrated(Backend.POSTGRES));
        try {
            for (int i = 0; i < size; i++) {
                Map<String, String> settings = new HashMap<>(all);
                if (i == 0) {
                    settings.putAll(first);
                } else {
                    // One node seeds; a second seeding at the same time would be a test of the seeder, not of the jobs.
                    settings.put("CONFER_DEMO", "false");
                }
                c.nodes.add(TestServer.start(c.storage, settings));
            }
            return c;
        } catch (RuntimeException | Error e) {
            c.close();
            throw e;
        }
    }

    public TestServer node(int i) {
        return nodes.get(i);
    }

    public List<TestServer> nodes() {
        return List.copyOf(nodes);
    }

    /** The shared database, through the first node's pool. */
    public DSLContext dsl() {
        return nodes.getFirst().app().database().dsl();
    }

    /** Moves every node's clock forward by the same amount (their small start-up skew stays, as between real hosts). */
    public void advance(Duration d) {
        nodes.forEach(n -> n.clock.advance(d));
    }

    /**
     * Runs {@code job} on every node at the same instant (a barrier releases all threads
     * together), as their timers would fire in a cluster, and returns each node's answer.
     */
    public <T> List<T> atOnce(Function<App, T> job) throws Exception {
        CyclicBarrier start = new CyclicBarrier(nodes.size());
        try (ExecutorService pool = Executors.newFixedThreadPool(nodes.size())) {
            List<Future<T>> runs = new ArrayList<>();
            for (TestServer n : nodes) {
                runs.add(pool.submit(() -> {
                    start.await(10, TimeUnit.SECONDS);
                    return job.apply(n.app());
                }));
            }
            List<T> out = new ArrayList<>();
            for (Future<T> f : runs) {
                out.add(f.get(2, TimeUnit.MINUTES));
            }
            return out;
        }
    }

    @Override
    public void close() {
        try {
            for (TestServer n : nodes.reversed()) {
                n.close();
            }
        } finally {
            storage.close();
        }
    }
}
