package org.confer.cluster;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.nats.client.Connection;
import io.nats.client.ConnectionListener;
import io.nats.client.Consumer;
import io.nats.client.Dispatcher;
import io.nats.client.ErrorListener;
import io.nats.client.Nats;
import io.nats.client.Options;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.confer.events.Audience;
import org.confer.events.Bus;
import org.confer.events.ConversationFrame;
import org.confer.events.EventLog;
import org.confer.events.SessionChange;
import org.confer.events.UserFrame;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The cluster's bus (docs/cluster.md): NATS core, with subjects per conversation and per person.
 * A frame goes to this node's listeners at once, and to NATS for the others; NATS never echoes
 * it back. Each node subscribes only to what its streams need ({@link Interest}).
 *
 * <p>NATS delivers at most once, so the event logs are the record. Nothing is published while
 * the connection is down (what was not sent is owed, not buffered). After NATS comes back, or
 * after this node fell behind, it hands its connections each heard conversation's latest frame
 * and each person's latest user frame, and every connection fetches from the log whatever it
 * has not sent yet (its gap fill). What this node could not publish while NATS was away is
 * published again the same way, so the other nodes catch up even if they never lost NATS.
 */
public final class NatsBus implements Bus, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(NatsBus.class);
    static final String EVERY_NODE = "confer.all";

    private final List<Listener> listeners = new CopyOnWriteArrayList<>();
    private final CatchUp catchUp;
    private final NodeRoster roster;
    private final Inbound inbound;
    private final Interest interest;
    private final Audience audience;
    private final Connection nats;
    private final Dispatcher dispatcher;
    /** Flushes, catch-ups and republishing: never on the NATS dispatcher's thread or a sender's. */
    private final ExecutorService worker = Executors.newSingleThreadExecutor(Thread.ofVirtual().name("bus-catch-up").factory());
    private final RoundTrips roundTrips;
    private final java.util.concurrent.atomic.AtomicBoolean away = new java.util.concurrent.atomic.AtomicBoolean();
    private final Counter published;
    private final Counter unpublished;

    private NatsBus(Options.Builder options, CatchUp.Source source, Audience audience, MeterRegistry registry)
            throws IOException, InterruptedException {
        this.audience = audience;
        this.catchUp = new CatchUp(source, new CatchUp.Local() {
            @Override
            public void deliver(ConversationFrame frame) {
                inbound.deliver(frame);
            }

            @Override
            public void deliver(UserFrame frame) {
                inbound.deliver(frame);
            }
        }, this::publishRemote, registry);
        this.roster = new NodeRoster(m -> publishRemote(NodeRoster.SUBJECT, m), node -> listeners.forEach(l -> l.onNodeGone(node)));
        this.inbound = new Inbound(listeners, roster, this::onMembership, worker, registry);
        this.published = registry.counter("confer.bus.published");
        this.unpublished = registry.counter("confer.bus.unpublished");
        this.nats = Nats.connectReconnectOnConnect(options
                .connectionListener(this::connectionEvent)
                .errorListener(new ErrorListener() {
                    @Override
                    public void slowConsumerDetected(Connection conn, Consumer consumer) {
                        // NATS dropped messages for us: the logs have them.
                        log.warn("bus: this node fell behind NATS and messages were dropped; catching up from the event logs");
                        worker.execute(() -> catchUp.everythingHeard(interest));
                    }
                })
                .build());
        this.dispatcher = nats.createDispatcher(inbound::onMessage);
        // The gateways' queues bound what one connection holds; here the bound is generous, and crossing it is caught up.
        dispatcher.setPendingLimits(1_000_000, 512L * 1024 * 1024);
        this.interest = new Interest(new Interest.Subscriptions() {
            @Override
            public void subscribe(String subject) {
                dispatcher.subscribe(subject);
            }

            @Override
            public void unsubscribe(String subject) {
                dispatcher.unsubscribe(subject);
            }
        });
        this.roundTrips = new RoundTrips(nats, catchUp, worker);
        roundTrips.start();
        dispatcher.subscribe(EVERY_NODE);
        dispatcher.subscribe(NodeRoster.SUBJECT);
        dispatcher.subscribe(nodeSubject(roster.nodeId()));
        roster.start();
        Gauge.builder("confer.bus.connected", nats, c -> c.getStatus() == Connection.Status.CONNECTED ? 1 : 0)
                .description("1 while this node is connected to NATS").register(registry);
        Gauge.builder("confer.bus.subscriptions", interest, i -> i.conversations().size() + i.users().size())
                .description("conversations and people this node hears on NATS").register(registry);
    }

    /**
     * Connects to NATS at {@code urls} (comma-separated, a cluster's servers). A node whose NATS
     * is down at start still starts: it serves its own clients and connects when NATS is back.
     */
    public static NatsBus connect(String urls, String nodeName, EventLog eventLog, Audience audience, MeterRegistry registry) {
        CatchUp.Source source = new CatchUp.Source() {
            @Override
            public Optional<ConversationFrame> lastFrame(UUID conversationId) {
                return eventLog.lastFrame(conversationId);
            }

            @Override
            public Optional<UserFrame> lastUserFrame(UUID userId) {
                return eventLog.lastUserFrame(userId);
            }
        };
        Options.Builder options = new Options.Builder()
                .servers(java.util.Arrays.stream(urls.split(",")).map(String::strip).toArray(String[]::new))
                .connectionName("confer " + nodeName)
                .noEcho()
                .maxReconnects(-1)
                .reconnectWait(Duration.ofMillis(500))
                .connectionTimeout(Duration.ofSeconds(2))
                // A connection that stops answering is dropped and made again within about 10 s.
                .pingInterval(Duration.ofSeconds(5))
                .maxPingsOut(2);
        try {
            return new NatsBus(options, source, audience, registry);
        } catch (IOException e) {
            throw new IllegalStateException("could not start the NATS connection to " + urls + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while connecting to NATS", e);
        }
    }

    @Override
    public boolean connected() {
        return nats.getStatus() == Connection.Status.CONNECTED;
    }

    // ---- publishing ----

    @Override
    public void publish(ConversationFrame frame) {
        for (Listener l : listeners) {
            l.onConversationFrame(frame);
        }
        if (publishRemote(Interest.conversationSubject(frame.conversationId()), new BusMessage.Event(frame.seq(), frame.frame()))) {
            catchUp.sentConversation(frame.conversationId());
        } else {
            catchUp.oweConversation(frame.conversationId());
        }
    }

    @Override
    public void publish(UserFrame frame) {
        for (Listener l : listeners) {
            l.onUserFrame(frame);
        }
        if (publishRemote(Interest.userSubject(frame.userId()), new BusMessage.ForUser(frame.userSeq(), frame.frame()))) {
            catchUp.sentUser(frame.userId());
        } else {
            catchUp.oweUser(frame.userId());
        }
    }

    @Override
    public void membershipChanged(UUID conversationId, UUID userId, boolean added) {
        onMembership(conversationId, userId, added);
        BusMessage m = new BusMessage.Membership(conversationId, userId, added);
        // Both subjects: nodes that hear the conversation update their members, the person's nodes their interest.
        publishRemote(Interest.conversationSubject(conversationId), m);
        publishRemote(Interest.userSubject(userId), m);
    }

    @Override
    public void ephemeral(UUID conversationId, UUID exceptUser, String frame) {
        for (Listener l : listeners) {
            l.onEphemeral(conversationId, exceptUser, frame);
        }
        publishRemote(Interest.conversationSubject(conversationId), new BusMessage.Ephemeral(exceptUser, frame));
    }

    @Override
    public void ephemeralToUsers(Set<UUID> userIds, String frame) {
        for (Listener l : listeners) {
            l.onEphemeralToUsers(userIds, frame);
        }
        BusMessage m = new BusMessage.EphemeralToUser(frame);
        for (UUID user : userIds) {
            publishRemote(Interest.userSubject(user), m);
        }
    }

    @Override
    public void sessionChanged(SessionChange change) {
        for (Listener l : listeners) {
            l.onSessionChanged(change);
        }
        // A sign-out that never reaches another node would leave its stream open there: owed like a frame.
        if (publishRemote(EVERY_NODE, new BusMessage.Sessions(change))) {
            catchUp.sentSessions(change);
        } else {
            catchUp.oweSessions(change);
        }
    }

    @Override
    public String nodeId() {
        return roster.nodeId();
    }

    @Override
    public void toNode(String node, String topic, String payload) {
        if (node.equals(roster.nodeId())) {
            listeners.forEach(l -> l.onNodeMessage(topic, payload));
        } else {
            publishRemote(nodeSubject(node), new BusMessage.ToNode(topic, payload));
        }
    }

    @Override
    public void toOtherNodes(String topic, String payload) {
        publishRemote(EVERY_NODE, new BusMessage.ToNode(topic, payload));
    }

    @Override
    public boolean heardFrom(String node) {
        return node.equals(roster.nodeId()) || roster.knows(node);
    }

    private static String nodeSubject(String node) {
        return "confer.n." + node;
    }

    @Override
    public boolean clustered() {
        return true;
    }

    @Override
    public void presenceHere(UUID userId, boolean online, long lastActiveAtMillis, boolean inCall) {
        publishRemote(NodeRoster.SUBJECT, new BusMessage.PresenceHere(roster.nodeId(), userId, online, lastActiveAtMillis, inCall));
    }

    @Override
    public void presenceChoiceChanged(UUID userId) {
        publishRemote(NodeRoster.SUBJECT, new BusMessage.ChoiceChanged(userId));
    }

    @Override
    public void subscribe(Listener listener) {
        listeners.add(listener);
    }

    /** False when NATS is away: nothing was sent (the caller decides whether that is owed). */
    private boolean publishRemote(String subject, BusMessage message) {
        if (nats.getStatus() != Connection.Status.CONNECTED) {
            unpublished.increment();
            return false;
        }
        try {
            nats.publish(subject, BusMessage.encode(message));
            published.increment();
            return true;
        } catch (IllegalStateException e) {
            // Lost the connection between the check and the write.
            unpublished.increment();
            return false;
        }
    }

    // ---- interest ----

    @Override
    public void streamOpened(UUID userId, String streamId) {
        if (interest.opened(userId, streamId)) {
            interest.heardConversations(userId, () -> audience.conversationsOf(userId).stream().map(Audience.Cursor::conversationId).toList());
            flushSubscriptions();
        }
    }

    @Override
    public void streamClosed(UUID userId, String streamId) {
        forget(interest.closed(userId, streamId));
    }

    private void onMembership(UUID conversationId, UUID userId, boolean added) {
        boolean changed = interest.membership(conversationId, userId, added);
        for (Listener l : listeners) {
            l.onMembershipChanged(conversationId, userId, added);
        }
        if (changed && added) {
            // Heard from now on; what was published before the subscription reached NATS comes from the log.
            worker.execute(() -> {
                flushSubscriptions();
                catchUp.conversation(conversationId);
            });
        } else if (changed) {
            forget(List.of(conversationId));
        }
    }

    private void forget(List<UUID> conversations) {
        for (UUID c : conversations) {
            for (Listener l : listeners) {
                l.forgetMembers(c);
            }
        }
    }

    /** Waits until NATS has the subscriptions, so what is published next reaches this node. */
    private void flushSubscriptions() {
        roundTrips.run(); // Not connected, or no answer: the reconnect's catch-up covers the gap.
    }

    // ---- the connection ----

    private void connectionEvent(Connection conn, ConnectionListener.Events event) {
        switch (event) {
            case DISCONNECTED -> {
                catchUp.oweAll(catchUp.takeSent());
                if (away.getAndSet(true)) {
                    return; // Told once per outage, not once per reconnect attempt.
                }
                log.warn("bus: NATS connection lost; serving this node's clients and catching up when it is back");
                listeners.forEach(l -> l.membersUncertain(true));
            }
            case CONNECTED, RECONNECTED -> {
                away.set(false);
                log.info("bus: connected to NATS at {}", conn.getConnectedUrl());
                worker.execute(() -> {
                    flushSubscriptions();
                    listeners.forEach(l -> l.membersUncertain(false));
                    catchUp.owed();
                    // Others may have let this node go while it was away: it says again who is connected here.
                    publishRemote(NodeRoster.SUBJECT, new BusMessage.Joined(roster.nodeId()));
                    listeners.forEach(Listener::onNodeJoined);
                    catchUp.everythingHeard(interest); // null while the constructor is still connecting
                });
            }
            default -> { }
        }
    }

    @Override
    public void close() {
        roundTrips.close();
        roster.close();
        worker.shutdown();
        try {
            worker.awaitTermination(2, TimeUnit.SECONDS);
            nats.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
