package org.confer.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;

/** CPU time and resident memory of a process on this machine, from /proc (Linux). */
record ProcessStats(long pid) {

    /** utime + stime in clock ticks (1/100 s); -1 when unreadable. */
    long cpuTicks() {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(f[11]) + Long.parseLong(f[12]);
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /** Resident set size in MiB; -1 when unreadable. */
    double rssMb() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0;
                }
            }
        } catch (IOException | RuntimeException e) {
            return -1;
        }
        return -1;
    }

    /**
     * utime + stime + cutime + cstime (what each has reaped from its exited children, such as
     * PostgreSQL's backends) of every process whose name is {@code comm}, in clock ticks; -1 when
     * /proc cannot be listed or no such process runs. Machine-wide: every such process counts,
     * whoever started it.
     */
    static long ticksOfAllNamed(String comm) {
        return ticksOfAllNamed(comm, args -> true);
    }

    /** As {@link #ticksOfAllNamed(String)}, only the processes whose command-line arguments pass {@code args}. */
    static long ticksOfAllNamed(String comm, java.util.function.Predicate<java.util.List<String>> args) {
        long sum = 0;
        boolean found = false;
        try (java.util.stream.Stream<Path> procs = Files.list(Path.of("/proc"))) {
            for (Path p : procs.filter(d -> d.getFileName().toString().chars().allMatch(Character::isDigit)).toList()) {
                try {
                    if (!Files.readString(p.resolve("comm")).strip().equals(comm)
                            || !args.test(java.util.List.of(Files.readString(p.resolve("cmdline")).split("\0")))) {
                        continue;
                    }
                    String stat = Files.readString(p.resolve("stat"));
                    String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    sum += Long.parseLong(f[11]) + Long.parseLong(f[12]) + Long.parseLong(f[13]) + Long.parseLong(f[14]);
                    found = true;
                } catch (IOException | RuntimeException gone) {
                    // the process exited between the listing and the read
                }
            }
        } catch (IOException e) {
            return -1;
        }
        return found ? sum : -1;
    }

    /** CPU time of the bench's own JVM (the load generator), in nanoseconds. */
    static long generatorCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }
}
