package org.confer.cluster;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * The other nodes this node has heard from (docs/cluster.md, "Presence across nodes"). Each node
 * says it is alive every {@link #BEAT}; one unheard for {@link #GONE_AFTER} is gone, and what it
 * said of who is connected to it no longer holds (a node killed with SIGKILL says nothing).
 */
final class NodeRoster implements AutoCloseable {
    static final String SUBJECT = "confer.presence";
    static final Duration BEAT = Duration.ofSeconds(5);
    static final Duration GONE_AFTER = Duration.ofSeconds(20);

    private final String nodeId = UUID.randomUUID().toString();
    private final Map<String, Long> heardAt = new ConcurrentHashMap<>();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(
            Thread.ofVirtual().name("bus-heartbeat").factory());
    private final Predicate<BusMessage> publish;
    private final Consumer<String> gone;

    NodeRoster(Predicate<BusMessage> publish, Consumer<String> gone) {
        this.publish = publish;
        this.gone = gone;
    }

    void start() {
        timer.scheduleWithFixedDelay(this::beat, BEAT.toMillis(), BEAT.toMillis(), TimeUnit.MILLISECONDS);
    }

    String nodeId() {
        return nodeId;
    }

    void heard(String node) {
        heardAt.put(node, System.nanoTime());
    }

    /** Whether the node was heard from within {@link #GONE_AFTER} (and not let go since). */
    boolean knows(String node) {
        return heardAt.containsKey(node);
    }

    /** Says this node is alive, and lets go of the nodes not heard from for too long. */
    void beat() {
        publish.test(new BusMessage.Heartbeat(nodeId));
        long now = System.nanoTime();
        for (Map.Entry<String, Long> e : Map.copyOf(heardAt).entrySet()) {
            if (now - e.getValue() > GONE_AFTER.toNanos() && heardAt.remove(e.getKey(), e.getValue())) {
                gone.accept(e.getKey());
            }
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
