package org.confer.bench;

import com.fasterxml.jackson.databind.node.ArrayNode;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * The delivery check of a multi-conversation run: every connected member of a conversation must
 * have received each acknowledged seq of it exactly once and in seq order. Deliveries of seqs
 * whose send failed on the client side (the server may still have committed them) are counted
 * as delivered, never as duplicates. With several nodes the check is the same for every receiver
 * on every node, and what was delivered and lost is also counted by the receiver's node: a
 * message that reaches only the clients of the node that accepted it shows up as loss on the
 * others.
 */
final class Deliveries {
    long expected;
    long delivered;
    long lost;
    long duplicates;
    long outOfOrder;
    long[] latencies = new long[0];
    /** Deliveries and losses by the node (0-based) of the receiving client. */
    long[] deliveredByNode;
    long[] lostByNode;

    static Deliveries check(Collection<StreamReceiver> receivers, Map<String, Set<Long>> acked, int nodes) {
        Map<String, long[]> sortedAcks = new HashMap<>();
        acked.forEach((c, seqs) -> {
            long[] a = seqs.stream().mapToLong(Long::longValue).toArray();
            Arrays.sort(a);
            sortedAcks.put(c, a);
        });
        Deliveries d = new Deliveries();
        d.deliveredByNode = new long[nodes];
        d.lostByNode = new long[nodes];
        LongList latencies = new LongList();
        for (StreamReceiver r : receivers) {
            for (Map.Entry<String, LongList> e : r.seqs().entrySet()) {
                long[] want = sortedAcks.getOrDefault(e.getKey(), new long[0]);
                long[] got = e.getValue().toArray();
                d.expected += want.length;
                d.delivered += got.length;
                d.deliveredByNode[r.node()] += got.length;
                for (int i = 1; i < got.length; i++) {
                    if (got[i] < got[i - 1]) {
                        d.outOfOrder++;
                    }
                }
                Arrays.sort(got);
                for (int i = 1; i < got.length; i++) {
                    if (got[i] == got[i - 1]) {
                        d.duplicates++;
                    }
                }
                for (long s : want) {
                    if (Arrays.binarySearch(got, s) < 0) {
                        d.lost++;
                        d.lostByNode[r.node()]++;
                    }
                }
            }
            LongList l = r.latencies();
            for (int i = 0; i < l.size(); i++) {
                latencies.add(l.get(i));
            }
        }
        d.latencies = latencies.toArray();
        return d;
    }

    /** Writes expected, delivered, lost, duplicates, outOfOrder, deliveriesPerSec and the percentiles. */
    void into(Report report, long failedDeliveries, double seconds) {
        report.json.put("expected", expected + failedDeliveries);
        report.json.put("delivered", delivered);
        report.json.put("lost", lost + failedDeliveries);
        report.json.put("duplicates", duplicates);
        report.json.put("outOfOrder", outOfOrder);
        report.json.put("deliveriesPerSec", Math.round(delivered / seconds));
        report.latencies(latencies, latencies.length);
        if (lostByNode.length > 1) {
            ArrayNode byNode = report.json.putArray("lostByNode");
            for (long l : lostByNode) {
                byNode.add(l);
            }
        }
    }
}
