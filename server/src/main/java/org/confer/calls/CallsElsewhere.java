package org.confer.calls;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeoutException;
import org.confer.db.Database;
import org.confer.events.Bus;
import org.confer.events.ConversationFrame;
import org.confer.events.UserFrame;
import org.confer.http.ApiException;
import org.confer.http.ProblemType;
import org.confer.identity.BotGrant;
import org.confer.identity.GuestPass;
import org.confer.identity.Principal;
import org.confer.identity.Role;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The calls other nodes hold (docs/calls-and-meetings.md, "Where a call lives"). What concerns
 * one is asked of its node over the bus ({@link Bus#toNode}): a request carrying who asks and the
 * operation's arguments, answered with the result or the problem, within {@link #ANSWER_WITHIN}.
 * The same class answers the other nodes' requests about this node's calls, and ends the calls
 * of a node that is gone.
 */
final class CallsElsewhere implements Bus.ControlListener, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(CallsElsewhere.class);
    static final String REQUEST = "calls.request";
    static final String REPLY = "calls.reply";
    /**
     * How long a node waits for the owner's answer: a join takes a few database writes (tens of
     * milliseconds), so 5 s means the owner is stuck or gone, not slow; a person waits no longer.
     */
    static final Duration ANSWER_WITHIN = Duration.ofSeconds(5);
    /**
     * How long this node must have reached the bus before it judges other nodes gone: three of
     * the cluster's 5 s heartbeats (cluster/NodeRoster), so every live node has been heard.
     */
    static final Duration HEAR_EVERY_NODE = Duration.ofSeconds(15);

    /** What can be asked of the node holding a call. */
    enum Op { START, CALL, JOIN, JOIN_MEETING, LEAVE, DECLINE, ADMIT, DENY, REMOVE, LIVE_IN, MAY_JOIN_ROOM, DROP, FRAME }

    /** An operation's arguments; those it does not use are null. */
    record Args(UUID callId, UUID conversationId, UUID userId, UUID peerId, String media, MeetingAccess meeting, Long room,
                JsonNode frame) {
        static Args call(UUID callId) {
            return new Args(callId, null, null, null, null, null, null, null);
        }

        static Args person(UUID callId, UUID userId) {
            return new Args(callId, null, userId, null, null, null, null, null);
        }
    }

    /** A {@link Principal} on the bus. */
    record Who(UUID userId, UUID organisationId, Role role, UUID sessionId, boolean viaCookie, BotGrant bot, GuestPass guest) {
        static Who of(Principal p) {
            return p == null ? null : new Who(p.userId(), p.organisationId(), p.role(), p.sessionId(), p.viaCookie(), p.bot(), p.guest());
        }

        Principal principal() {
            return new Principal(userId, organisationId, role, sessionId, viaCookie, bot, guest);
        }
    }

    record Request(UUID requestId, String replyNode, Op op, Who who, Args args) {}

    record Problem(String type, String detail, Map<String, Object> extras) {}

    record Reply(UUID requestId, JsonNode result, Problem problem) {}

    /** The owner's side: runs an operation on a call held here and returns its result (a record, or null). */
    interface Owner {
        Object answer(Op op, Principal who, Args args);
    }

    private final Bus bus;
    private final ObjectMapper mapper;
    private final Database db;
    private final CallStore store;
    private final CallLifecycle lifecycle;
    private final Owner owner;
    private final Map<UUID, CompletableFuture<JsonNode>> waiting = new ConcurrentHashMap<>();
    /** Requests are answered off the bus's thread: an answer reads and writes the database. */
    private final ExecutorService executor = Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("calls-elsewhere").factory());
    private volatile boolean away;
    private volatile long settledAt = System.nanoTime() + HEAR_EVERY_NODE.toNanos();

    CallsElsewhere(Bus bus, ObjectMapper mapper, Database db, CallStore store, CallLifecycle lifecycle, Owner owner) {
        this.bus = bus;
        // Tolerant reading: during a rolling upgrade a newer node may send fields this one does not know.
        this.mapper = mapper.copy().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        this.db = db;
        this.store = store;
        this.lifecycle = lifecycle;
        this.owner = owner;
    }

    // ---- asking ----

    /** Runs the operation on {@code node} and returns its result; its problem is thrown here as it was there. */
    <T> T ask(String node, Op op, Principal who, Args args, Class<T> type) {
        JsonNode result;
        try {
            result = later(node, op, who, args).join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof ApiException problem) {
                throw problem;
            }
            if (e.getCause() instanceof TimeoutException) {
                log.warn("calls: node {} did not answer {} within {}", node, op, ANSWER_WITHIN);
                throw new ApiException(ProblemType.CALL_NODE_UNAVAILABLE,
                        "The node holding this call did not answer; try again in a moment", Map.of("retryAfterSeconds", 5));
            }
            throw e;
        }
        if (result == null || result.isNull() || type == Void.class) {
            return null;
        }
        try {
            return mapper.treeToValue(result, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("calls: node " + node + " answered " + op + " with what this node cannot read", e);
        }
    }

    /** Sends the request; the future completes with the result, an {@link ApiException}, or a timeout. */
    CompletableFuture<JsonNode> later(String node, Op op, Principal who, Args args) {
        UUID id = UUID.randomUUID();
        CompletableFuture<JsonNode> answer = new CompletableFuture<>();
        waiting.put(id, answer);
        answer.orTimeout(ANSWER_WITHIN.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)
                .whenComplete((r, e) -> waiting.remove(id));
        bus.toNode(node, REQUEST, write(new Request(id, bus.nodeId(), op, Who.of(who), args)));
        return answer;
    }

    // ---- answering ----

    @Override
    public void onNodeMessage(String topic, String payload) {
        try {
            if (REQUEST.equals(topic)) {
                Request r = mapper.readValue(payload, Request.class);
                executor.execute(() -> answer(r));
            } else if (REPLY.equals(topic)) {
                Reply r = mapper.readValue(payload, Reply.class);
                CompletableFuture<JsonNode> f = waiting.remove(r.requestId());
                if (f != null && r.problem() != null) {
                    f.completeExceptionally(problem(r.problem()));
                } else if (f != null) {
                    f.complete(r.result());
                }
            }
        } catch (JsonProcessingException e) {
            log.warn("calls: a {} from another node could not be read: {}", topic, e.getOriginalMessage());
        } catch (RejectedExecutionException stopping) {
            // This node is stopping: the asking node times out and says so.
        }
    }

    private void answer(Request r) {
        Reply reply;
        try {
            Object result = owner.answer(r.op(), r.who() == null ? null : r.who().principal(), r.args());
            reply = new Reply(r.requestId(), mapper.valueToTree(result), null);
        } catch (ApiException e) {
            reply = new Reply(r.requestId(), null, new Problem(e.type().uri(), e.getMessage(), e.extras()));
        } catch (CallsHere.HeldElsewhere moved) {
            // The call ended and another node started the next one meanwhile: no second hop.
            reply = new Reply(r.requestId(), null, new Problem(ProblemType.CONFLICT.uri(),
                    "The call moved to another node while this was asked; try again", Map.of()));
        } catch (RuntimeException e) {
            log.warn("calls: {} asked by node {} failed", r.op(), r.replyNode(), e);
            reply = new Reply(r.requestId(), null, new Problem(ProblemType.INTERNAL.uri(), "The call's node failed to answer", Map.of()));
        }
        bus.toNode(r.replyNode(), REPLY, write(reply));
    }

    private static ApiException problem(Problem p) {
        for (ProblemType t : ProblemType.values()) {
            if (t.uri().equals(p.type())) {
                return new ApiException(t, p.detail(), p.extras() == null ? Map.of() : p.extras());
            }
        }
        return new ApiException(ProblemType.INTERNAL, p.detail());
    }

    private String write(Object message) {
        try {
            return mapper.writeValueAsString(message);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("calls: a bus message could not be written", e);
        }
    }

    // ---- nodes that are gone ----

    /**
     * Ends the live calls whose owner node is not heard from (gone, or from before a restart):
     * nobody holds their roster. Only while this node has reached the bus long enough to have
     * heard every live node; a node cut off from the bus hears nobody and must not end their calls.
     */
    void endCallsOfGoneNodes() {
        if (!bus.clustered() || away || !bus.connected() || System.nanoTime() - settledAt < 0) {
            return;
        }
        for (Call c : store.allLive(db.dsl())) {
            if (c.ownerNode() == null || !bus.heardFrom(c.ownerNode())) {
                if (lifecycle.endOrphan(c)) {
                    log.info("call {} ended: its node {} is gone (its people start it again)", c.id(), c.ownerNode());
                }
            }
        }
    }

    @Override
    public void onNodeGone(String node) {
        try {
            executor.execute(() -> {
                try {
                    endCallsOfGoneNodes();
                } catch (RuntimeException e) {
                    log.warn("calls of node {} not ended yet (the sweep tries again): {}", node, e.toString());
                }
            });
        } catch (RejectedExecutionException stopping) {
            // This node is stopping too.
        }
    }

    @Override
    public void membersUncertain(boolean uncertain) {
        if (!uncertain) {
            settledAt = System.nanoTime() + HEAR_EVERY_NODE.toNanos();
        }
        away = uncertain;
    }


    @Override
    public void close() {
        executor.shutdownNow();
        waiting.values().forEach(f -> f.completeExceptionally(new TimeoutException("stopping")));
    }
}
