package org.confer.bench;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Server and generator CPU over a measured window, as a percentage of all cores of the machine
 * (all run on it), and the servers' RSS at the end: per node and summed over the nodes. Server
 * figures are -1 for an external server. With a {@link DatabaseStats}, also the local
 * PostgreSQL's CPU and WAL over the window (machine-wide).
 */
final class Usage {
    private final List<ProcessStats> nodes;
    private final long[] ticksBefore;
    private final long generatorNanosBefore;
    private final DatabaseStats db;
    private final long dbTicksBefore;
    private final long walBefore;
    /** The port of the NATS on this machine that the nodes use (its nats-server's CPU is measured too), or 0. */
    private final int busPort;
    private final long natsTicksBefore;
    private final long startNanos;

    Usage(ProcessStats server) {
        this(Collections.singletonList(server), null, 0);
    }

    /**
     * @param nodes every node's /proc figures in node order; a null entry is a node not measurable from here
     * @param db the local PostgreSQL, or null
     * @param busPort the port of the NATS on this machine that the nodes use, or 0 for none (its
     *     nats-server's CPU is measured: every nats-server process with that port among its arguments)
     */
    Usage(List<ProcessStats> nodes, DatabaseStats db, int busPort) {
        this.db = db;
        this.busPort = busPort;
        this.natsTicksBefore = natsTicks();
        this.dbTicksBefore = db == null ? -1 : db.cpuTicks();
        this.walBefore = db == null ? -1 : db.walBytes();
        this.startNanos = System.nanoTime();
        this.nodes = new ArrayList<>(nodes);
        this.ticksBefore = new long[nodes.size()];
        for (int k = 0; k < ticksBefore.length; k++) {
            ticksBefore[k] = nodes.get(k) == null ? -1 : nodes.get(k).cpuTicks();
        }
        this.generatorNanosBefore = ProcessStats.generatorCpuNanos();
    }

    /** One node's share of a window: CPU seconds used in it (-1 when not measurable), that as % of the machine, RSS at its end. */
    record Node(double cpuSeconds, double cpuPct, long rssMb) {}

    /**
     * The figures of one window. {@code serverRssMb} and {@code serverCpuPct} are summed over the
     * nodes (the whole cluster's footprint on this machine), -1 when any node is not measurable.
     */
    record Figures(long serverRssMb, double serverCpuPct, double generatorCpuPct, double seconds, List<Node> nodes,
                   double databaseCpuSeconds, long walBytes, double natsCpuSeconds) {
        void into(Report report) {
            report.json.put("serverRssMb", serverRssMb);
            report.json.put("serverCpuPct", serverCpuPct);
            report.json.put("generatorCpuPct", generatorCpuPct);
            if (databaseCpuSeconds >= 0) {
                report.json.put("databaseCpuSeconds", round(databaseCpuSeconds, 100));
                report.json.put("databaseCpuPct", Math.round(databaseCpuSeconds / seconds / Runtime.getRuntime().availableProcessors()
                        * 1000) / 10.0);
            }
            if (walBytes >= 0) {
                report.json.put("walBytes", walBytes);
            }
            if (natsCpuSeconds >= 0) {
                report.json.put("natsCpuSeconds", round(natsCpuSeconds, 100));
            }
        }

        /** Server CPU seconds of the window summed over the nodes; -1 when any node is not measurable. */
        double serverCpuSeconds() {
            double sum = 0;
            for (Node n : nodes) {
                if (n.cpuSeconds() < 0) {
                    return -1;
                }
                sum += n.cpuSeconds();
            }
            return sum;
        }

        /**
         * CPU per send and per delivery, in total ({@code serverCpuMsPerSend}, {@code
         * serverCpuUsPerDelivery}) and per node under {@code nodes}: each node's CPU seconds, % of
         * the machine, RSS, the sends it accepted, the deliveries to its clients, its CPU divided
         * by ALL sends of the window (its share of a send's cost: the shares add up to the total)
         * and by the deliveries to its own clients.
         *
         * @param sendsByNode acknowledged sends per node that accepted them
         * @param deliveriesByNode deliveries per node of the receiving client
         */
        void perMessage(Report report, List<String> urls, long[] sendsByNode, long[] deliveriesByNode) {
            long sends = sum(sendsByNode);
            long deliveries = sum(deliveriesByNode);
            double total = serverCpuSeconds();
            report.json.put("nodeCount", nodes.size());
            report.json.put("serverCpuSeconds", round(total, 100));
            report.json.put("serverCpuMsPerSend", total < 0 || sends == 0 ? -1 : round(total * 1e3 / sends, 1000));
            report.json.put("serverCpuUsPerDelivery", total < 0 || deliveries == 0 ? -1 : round(total * 1e6 / deliveries, 100));
            if (databaseCpuSeconds >= 0 && sends > 0) {
                // Machine-wide (DatabaseStats): an upper bound on a shared machine.
                report.json.put("databaseCpuMsPerSend", round(databaseCpuSeconds * 1e3 / sends, 1000));
            }
            if (walBytes >= 0 && sends > 0) {
                report.json.put("walBytesPerSend", walBytes / sends);
            }
            if (natsCpuSeconds >= 0 && sends > 0) {
                report.json.put("natsCpuMsPerSend", round(natsCpuSeconds * 1e3 / sends, 1000));
            }
            ArrayNode list = report.json.putArray("nodes");
            for (int k = 0; k < nodes.size(); k++) {
                Node n = nodes.get(k);
                ObjectNode o = list.addObject();
                o.put("node", k + 1);
                o.put("url", urls.get(k));
                o.put("cpuSeconds", round(n.cpuSeconds(), 100));
                o.put("cpuPct", n.cpuPct());
                o.put("rssMb", n.rssMb());
                o.put("sends", sendsByNode[k]);
                o.put("deliveries", deliveriesByNode[k]);
                o.put("cpuMsPerSend", n.cpuSeconds() < 0 || sends == 0 ? -1 : round(n.cpuSeconds() * 1e3 / sends, 1000));
                o.put("cpuUsPerDelivery", n.cpuSeconds() < 0 || deliveriesByNode[k] == 0 ? -1
                        : round(n.cpuSeconds() * 1e6 / deliveriesByNode[k], 100));
            }
        }

        private static long sum(long[] a) {
            long s = 0;
            for (long x : a) {
                s += x;
            }
            return s;
        }

        private static double round(double x, int per) {
            return x < 0 ? -1 : Math.round(x * per) / (double) per;
        }
    }

    private long natsTicks() {
        if (busPort == 0) {
            return -1;
        }
        String port = Integer.toString(busPort);
        // "-p 4222", "--port 4222", "-a 127.0.0.1:4222" or "--addr=...:4222": the port is an argument or ends one.
        return ProcessStats.ticksOfAllNamed("nats-server", args -> args.stream().anyMatch(a -> a.equals(port) || a.endsWith(":" + port)
                || a.endsWith("=" + port)));
    }

    private double natsCpuSeconds() {
        long ticks = natsTicks();
        return ticks < 0 || natsTicksBefore < 0 ? -1 : (ticks - natsTicksBefore) / 100.0;
    }

    /** Ends the window. */
    Figures stop() {
        double seconds = (System.nanoTime() - startNanos) / 1e9;
        int cores = Runtime.getRuntime().availableProcessors();
        List<Node> out = new ArrayList<>();
        long rssSum = 0;
        double pctSum = 0;
        boolean all = true;
        for (int k = 0; k < nodes.size(); k++) {
            ProcessStats p = nodes.get(k);
            long ticks = p == null ? -1 : p.cpuTicks();
            if (p == null || ticks < 0 || ticksBefore[k] < 0) {
                out.add(new Node(-1, -1, -1));
                all = false;
                continue;
            }
            double cpuSeconds = (ticks - ticksBefore[k]) / 100.0;
            double pct = Math.round(cpuSeconds / seconds / cores * 1000) / 10.0;
            long rss = Math.round(p.rssMb());
            out.add(new Node(cpuSeconds, pct, rss));
            rssSum += rss;
            pctSum += cpuSeconds / seconds / cores * 100;
        }
        long dbTicks = db == null ? -1 : db.cpuTicks();
        long wal = db == null ? -1 : db.walBytes();
        return new Figures(all ? rssSum : -1, all ? Math.round(pctSum * 10) / 10.0 : -1,
                Math.round((ProcessStats.generatorCpuNanos() - generatorNanosBefore) / 1e9 / seconds / cores * 1000) / 10.0,
                seconds, out, dbTicks < 0 || dbTicksBefore < 0 ? -1 : (dbTicks - dbTicksBefore) / 100.0,
                wal < 0 || walBefore < 0 ? -1 : wal - walBefore, natsCpuSeconds());
    }
}
