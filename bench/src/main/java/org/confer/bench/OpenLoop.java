package org.confer.bench;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
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
    long maxLagNanos;
    double seconds;

    /** Posts every send of the (due-ordered) schedule; returns after the last answer. */
    static OpenLoop run(Api api, List<Send> schedule, int maxInFlight, String runTag) throws InterruptedException {
        OpenLoop out = new OpenLoop();
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
            api.postAsync(i, "/api/v1/conversations/" + s.conversationId() + "/messages",
                    Map.of("text", text, "clientMsgId", runTag + "-" + i), s.token()).whenComplete((r, e) -> {
                        if (e == null) {
                            long took = System.nanoTime() - due;
                            out.acked.computeIfAbsent(s.conversationId(), k -> ConcurrentHashMap.newKeySet()).add(r.get("seq").asLong());
                            synchronized (out.ackNanos) {
                                out.ackNanos.add(took);
                            }
                        } else {
                            out.failures.incrementAndGet();
                            out.failed.computeIfAbsent(s.conversationId(), k -> new AtomicLong()).incrementAndGet();
                            if (out.failures.get() <= 5) {
                                System.err.println("send failed: " + e.getMessage());
                            }
                        }
                        inFlight.release();
                    });
        }
        inFlight.acquire(maxInFlight);
        out.seconds = (System.nanoTime() - start) / 1e9;
        return out;
    }

    long[] ackLatencies() {
        synchronized (ackNanos) {
            return ackNanos.toArray();
        }
    }

    long failedFor(String conversationId) {
        AtomicLong n = failed.get(conversationId);
        return n == null ? 0 : n.get();
    }
}
