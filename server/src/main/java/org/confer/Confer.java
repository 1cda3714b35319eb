package org.confer;

import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.CountDownLatch;
import org.confer.app.App;
import org.confer.app.Config;
import org.confer.app.ConfigException;
import org.confer.app.ConfigLoader;

/**
 * Starts Confer: reads configuration, builds the app, serves until SIGTERM/SIGINT, then drains
 * in-flight requests and stops. Invalid configuration ends start-up with one line and exit code 2.
 */
public final class Confer {
    private Confer() {}

    public static void main(String[] args) {
        if (args.length == 1 && (args[0].equals("--help") || args[0].equals("-h"))) {
            printHelp();
            return;
        }
        if (args.length >= 1 && args[0].equals(AUDIT_VERIFY)) {
            System.exit(auditVerify(java.util.Arrays.copyOfRange(args, 1, args.length), System.out));
            return;
        }
        Config config;
        try {
            config = new ConfigLoader(System.getenv(), Path.of("").toAbsolutePath()).load(args);
        } catch (ConfigException e) {
            System.err.println("confer: " + e.getMessage());
            System.exit(2);
            return;
        }
        // Read by logback.xml; set before the first logger is created.
        System.setProperty("confer.log.format", config.logFormat().toUpperCase(java.util.Locale.ROOT));
        System.setProperty("confer.log.level", config.logLevel().toUpperCase(java.util.Locale.ROOT));

        App app;
        try {
            app = new App(config, Clock.systemUTC()).start(System.out);
        } catch (RuntimeException e) {
            System.err.println("confer: could not start: " + rootMessage(e));
            org.slf4j.LoggerFactory.getLogger(Confer.class).debug("start-up failure", e);
            System.exit(1);
            return;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("Confer is stopping: draining requests ...");
            app.close();
            System.out.println("Confer stopped.");
            System.out.flush();
            stopped.countDown();
        }, "confer-shutdown"));
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    public static final String AUDIT_VERIFY = "audit-verify";

    /**
     * {@code java -jar confer.jar audit-verify [--<setting>=<value> ...]}: verifies the audit chain
     * in the database the CONFER_* settings name (docs/audit.md, "Verification") and prints the
     * outcome. Exit 0: the chain verifies; 1: a link is broken; 2: settings or database unusable.
     * It reads only, and never migrates: run the server once first.
     */
    public static int auditVerify(String[] args, java.io.PrintStream out) {
        Config config;
        try {
            config = new ConfigLoader(System.getenv(), Path.of("").toAbsolutePath()).load(args);
        } catch (ConfigException e) {
            System.err.println("confer: " + e.getMessage());
            return 2;
        }
        try (org.confer.db.Database db = new org.confer.db.Database(config.dbUrl(), config.dbUser(), config.dbPassword(),
                config.dataDir(), new io.micrometer.core.instrument.simple.SimpleMeterRegistry())) {
            org.confer.audit.AuditVerifier.Result r = new org.confer.audit.AuditVerifier(db.dsl()).verify();
            out.println(org.confer.audit.AuditVerifier.describe(r));
            return r.ok() ? 0 : 1;
        } catch (RuntimeException e) {
            System.err.println("confer: audit-verify could not read the database: " + rootMessage(e));
            return 2;
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        String m = t.getMessage();
        return (m == null ? t.getClass().getSimpleName() : m).lines().findFirst().orElse("");
    }

    private static void printHelp() {
        StringBuilder sb = new StringBuilder("""
                Usage: java -jar confer.jar [--demo] [--config=FILE] [--<setting>=<value> ...]
                       java -jar confer.jar audit-verify [--config=FILE] [--<setting>=<value> ...]
                         (verifies the audit log's hash chain; exit 0 intact, 1 broken: docs/audit.md)

                Settings (flag / environment variable, default):
                """);
        for (ConfigLoader.Setting s : ConfigLoader.Setting.values()) {
            sb.append(String.format("  %-32s %s%n", s.flagName(), s.envName()));
        }
        sb.append("\nSee README.md for what each setting does.\n");
        System.out.print(sb);
    }
}
