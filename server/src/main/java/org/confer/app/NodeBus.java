package org.confer.app;

import io.micrometer.core.instrument.MeterRegistry;
import java.util.UUID;
import org.confer.cluster.NatsBus;
import org.confer.events.Audience;
import org.confer.events.Bus;
import org.confer.events.EventLog;
import org.confer.events.LocalBus;
import org.confer.events.SessionChange;
import org.confer.identity.LoginThrottle;
import org.confer.identity.SessionEndListener;
import org.confer.identity.SessionService;

/**
 * This node's bus: in-process alone, NATS when {@code CONFER_NATS_URL} is set (docs/cluster.md).
 * Also carries what sessions do across nodes: a sign-out, a revocation or a changed role on one
 * node makes every node forget its cached sessions of the person and close the streams that ended.
 */
record NodeBus(Bus bus, AutoCloseable closer) implements AutoCloseable {
    private static final String SIGN_IN_TOPIC = "sign-in";

    static NodeBus of(Config config, EventLog eventLog, Audience audience, MeterRegistry registry) {
        if (config.natsUrl().isEmpty()) {
            return new NodeBus(new LocalBus(), () -> {});
        }
        NatsBus nats = NatsBus.connect(config.natsUrl().get(), config.baseUrl() + " port " + config.port(), eventLog, audience, registry);
        return new NodeBus(nats, nats);
    }

    /** Wires session ends and role changes through the bus, both ways. */
    void carrySessionChanges(SessionService sessions) {
        sessions.onSessionEnd(new SessionEndListener() {
            @Override
            public void sessionEnded(UUID userId, UUID sessionId) {
                bus.sessionChanged(SessionChange.sessionEnded(userId, sessionId));
            }

            @Override
            public void sessionsEnded(UUID userId, UUID kept) {
                bus.sessionChanged(SessionChange.sessionsEnded(userId, kept));
            }

            @Override
            public void userChanged(UUID userId) {
                bus.sessionChanged(SessionChange.userChanged(userId));
            }
        });
        bus.subscribe(new Bus.ControlListener() {
            @Override
            public void onSessionChanged(SessionChange change) {
                sessions.forgetCached(change.userId());
            }
        });
    }

    /** Sign-in attempts count on every node's budgets (docs/cluster.md, "Budgets per node"). */
    void carrySignInAttempts(LoginThrottle throttle) {
        if (!bus.clustered()) {
            return;
        }
        throttle.shareWith(shared -> bus.toOtherNodes(SIGN_IN_TOPIC, shared.encode()));
        bus.subscribe(new Bus.ControlListener() {
            @Override
            public void onNodeMessage(String topic, String payload) {
                if (SIGN_IN_TOPIC.equals(topic)) {
                    throttle.spentElsewhere(LoginThrottle.Shared.decode(payload));
                }
            }
        });
    }

    /**
     * Keeps serving for CONFER_DRAIN_SECONDS after /readyz began to fail: a load balancer checking
     * every few seconds stops sending new requests and streams here before they would be cut.
     */
    void drain(java.time.Duration time) {
        if (time.isPositive()) {
            try {
                Thread.sleep(time);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public void close() {
        try {
            closer.close();
        } catch (Exception e) {
            org.slf4j.LoggerFactory.getLogger(NodeBus.class).warn("closing the bus: {}", e.toString());
        }
    }
}
