package org.confer.bench;

/**
 * Server and generator CPU over a measured window, as a percentage of all cores of the machine
 * (both run on it), and the server's RSS at the end. Server figures are -1 for an external server.
 */
final class Usage {
    private final ProcessStats server;
    private final long serverTicksBefore;
    private final long generatorNanosBefore;
    private final long startNanos = System.nanoTime();

    Usage(ProcessStats server) {
        this.server = server;
        this.serverTicksBefore = server == null ? -1 : server.cpuTicks();
        this.generatorNanosBefore = ProcessStats.generatorCpuNanos();
    }

    /** The figures of one window. */
    record Figures(long serverRssMb, double serverCpuPct, double generatorCpuPct) {
        void into(Report report) {
            report.json.put("serverRssMb", serverRssMb);
            report.json.put("serverCpuPct", serverCpuPct);
            report.json.put("generatorCpuPct", generatorCpuPct);
        }
    }

    /** Ends the window. */
    Figures stop() {
        double seconds = (System.nanoTime() - startNanos) / 1e9;
        int cores = Runtime.getRuntime().availableProcessors();
        long ticks = server == null ? -1 : server.cpuTicks();
        return new Figures(server == null ? -1 : Math.round(server.rssMb()),
                serverTicksBefore < 0 || ticks < 0 ? -1 : Math.round((ticks - serverTicksBefore) / 100.0 / seconds / cores * 1000) / 10.0,
                Math.round((ProcessStats.generatorCpuNanos() - generatorNanosBefore) / 1e9 / seconds / cores * 1000) / 10.0);
    }
}
