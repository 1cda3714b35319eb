package org.confer.bench;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Open-loop sending: each message is posted when the clock says so, not when an earlier one was
 * acknowledged, and its text carries its SCHEDULED time, so queueing anywhere (generator
 * included) shows up in the receivers' latency instead of being hidden (coordinated omission).
 * A cap on requests in flight keeps a collapsing server from exhausting file descriptors; while
 * at the cap the generator falls behind, which the measured latencies still include.
 */
final class OpenLoop {
    /** One message to post {@code dueNanos} after the start, as the owner of {@code token}. */
    record Send(long dueNanos, String conversationId, String token) {}

    final Map<String, Set<Long>> acked = new ConcurrentHashMap<>();
    final Map<String, AtomicLong> failed = new ConcurrentHashMap<>();
    final LongList ackNanos = new LongList();
    final AtomicLong failures = new AtomicLong();
    /** Acknowledged sends by the node (0-based) that accepted them. */
    final java.util.concurrent.atomic.AtomicLongArray ackedByNode;
    /** Sends refused with 503 and sent again (each retry counted). */
    final AtomicLong retried = new AtomicLong();
    private static final int MAX_RETRIES = 20;
    long maxLagNanos;
    double seconds;

    private OpenLoop(int nodes) {
        ackedByNode = new java.util.concurrent.atomic.AtomicLongArray(nodes);
    }

    /** Posts every send of the (due-ordered) schedule; returns after the last answer. */
    static OpenLoop run(Api api, List<Send> schedule, int maxInFlight, String runTag) throws InterruptedException {
        OpenLoop out = new OpenLoop(api.nodes());
        Semaphore inFlight = new Semaphore(maxInFlight);
        long start = System.nanoTime();
        for (int i = 0; i < schedule.size(); i++) {
            Send s = schedule.get(i);
            long due = start + s.dueNanos();
            long wait = due - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            }
            inFlight.acquire();
            out.maxLagNanos = Math.max(out.maxLagNanos, System.nanoTime() - due);
            String text = "t=" + due + "; message " + i + " of " + runTag;
            out.send(api, i, s.conversationId(), s.token(), Map.of("text", text, "clientMsgId", runTag + "-" + i), due, inFlight, 0);
        }
        inFlight.acquire(maxInFlight);
        out.seconds = (System.nanoTime() - start) / 1e9;
        return out;
    }

    /**
     * Posts one message; a 503 (the server's back-pressure: too many writes waiting for the
     * conversation) is retried after its Retry-After with the same clientMsgId, as the web client
     * does, up to {@link #MAX_RETRIES} times. The message's time stays the scheduled one.
     */
    private void send(Api api, int client, String conversationId, String token, Map<String, String> body, long due,
                      Semaphore inFlight, int attempt) {
        api.postAsync(client, "/api/v1/conversations/" + conversationId + "/messages", body, token).whenComplete((r, e) -> {
            if (e == null) {
                acked.computeIfAbsent(conversationId, k -> ConcurrentHashMap.newKeySet()).add(r.get("seq").asLong());
                ackedByNode.incrementAndGet(api.node(client));
                synchronized (ackNanos) {
                    ackNanos.add(System.nanoTime() - due);
                }
                inFlight.release();
                return;
            }
            Throwable cause = e instanceof java.util.concurrent.CompletionException && e.getCause() != null ? e.getCause() : e;
            if (cause instanceof HttpError h && h.status == 503 && attempt < MAX_RETRIES) {
                retried.incrementAndGet();
                CompletableFuture.delayedExecutor(h.retryAfterMillis, TimeUnit.MILLISECONDS)
                        .execute(() -> send(api, client, conversationId, token, body, due, inFlight, attempt + 1));
                return;
            }
            failures.incrementAndGet();
            failed.computeIfAbsent(conversationId, k -> new AtomicLong()).incrementAndGet();
            if (failures.get() <= 5) {
                System.err.println("send failed: " + cause.getMessage());
            }
            inFlight.release();
        });
    }

    long[] ackLatencies() {
        synchronized (ackNanos) {
            return ackNanos.toArray();
        }
    }

    /** {@link #ackedByNode} as an array. */
    long[] sendsByNode() {
        long[] a = new long[ackedByNode.length()];
        for (int k = 0; k < a.length; k++) {
            a[k] = ackedByNode.get(k);
        }
        return a;
    }

    long failedFor(String conversationId) {
        AtomicLong n = failed.get(conversationId);
        return n == null ? 0 : n.get();
    }
}
