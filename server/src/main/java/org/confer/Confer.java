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

                Settings (flag / environment variable, default):
                """);
        for (ConfigLoader.Setting s : ConfigLoader.Setting.values()) {
            sb.append(String.format("  %-32s %s%n", s.flagName(), s.envName()));
        }
        sb.append("\nSee README.md for what each setting does.\n");
        System.out.print(sb);
    }
}
