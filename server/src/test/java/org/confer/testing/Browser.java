package org.confer.testing;

import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Playwright;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/**
 * Debian's Chromium driven by Playwright for Java: headless, no sandbox (CI runs as root), no
 * background networking (this machine has no internet). Never a downloaded browser. When
 * Chromium is missing the browser tests are skipped — except with CI=true, where they fail.
 */
public final class Browser implements AutoCloseable {
    public static final Path CHROMIUM = Path.of(System.getenv().getOrDefault("CONFER_TEST_CHROMIUM", "/usr/bin/chromium"));
    /** Screenshots for people to look at: server/target/screenshots. */
    public static final Path SCREENSHOTS = Path.of("target", "screenshots");
    /**
     * Test classes run two at a time (src/test/resources/junit-platform.properties); every class
     * that drives Chromium holds this lock, so one browser class runs at a time beside one server
     * class and a browser test's timing assertions are not run against a second browser.
     */
    public static final String LOCK = "chromium";

    private final Playwright playwright;
    private final com.microsoft.playwright.Browser browser;

    private Browser(Playwright playwright, com.microsoft.playwright.Browser browser) {
        this.playwright = playwright;
        this.browser = browser;
    }

    public static Browser launch() {
        return launch(List.of());
    }

    private static Browser shared;
    private static boolean closedAtExit;

    /**
     * One Chromium for every {@link BrowserTest} class in this JVM, launched at the first and
     * closed when the JVM exits: starting Playwright's driver and Chromium took each class a few
     * seconds, and browser classes run one after another (they hold {@link #LOCK}), so that was
     * time on the suite's longest chain. Classes share no state through it: each works in
     * contexts of its own (cookies, storage and cache are per context), closed after the class
     * ({@link #closeContexts}). A Chromium that has gone away is replaced at the next class.
     */
    public static synchronized Browser shared() {
        if (shared != null && !shared.browser.isConnected()) {
            shared.closeQuietly();
            shared = null;
        }
        if (shared == null) {
            shared = launch();
            if (!closedAtExit) {
                Runtime.getRuntime().addShutdownHook(new Thread(Browser::closeShared, "close-shared-chromium"));
                closedAtExit = true;
            }
        }
        return shared;
    }

    private static synchronized void closeShared() {
        if (shared != null) {
            shared.closeQuietly();
            shared = null;
        }
    }

    /** Closes every context (and so every page) opened in this browser; the browser stays up. */
    public void closeContexts() {
        for (com.microsoft.playwright.BrowserContext c : List.copyOf(browser.contexts())) {
            c.close();
        }
    }

    private void closeQuietly() {
        try {
            close();
        } catch (RuntimeException alreadyGone) {
            // The driver or Chromium has exited; nothing is left to close.
        }
    }

    /**
     * Chromium for WebRTC tests (tag "media", in the confer-media namespace): a fake camera and
     * microphone, no permission prompt, and real host addresses in ICE candidates instead of
     * mDNS names (Janus ignores .local candidates).
     */
    public static Browser launchForMedia() {
        return launch(List.of("--use-fake-device-for-media-stream", "--use-fake-ui-for-media-stream",
                "--disable-features=WebRtcHideLocalIpsWithMdns", "--autoplay-policy=no-user-gesture-required"));
    }

    private static Browser launch(List<String> extra) {
        if (!Files.isExecutable(CHROMIUM)) {
            if (Postgres.required()) {
                throw new AssertionError("Chromium is required for browser tests (CI=true) but " + CHROMIUM
                        + " is missing: apt-get install -y chromium");
            }
            Assumptions.abort("Chromium not installed at " + CHROMIUM + "; browser tests skipped");
        }
        Playwright pw = Playwright.create();
        com.microsoft.playwright.Browser b = pw.chromium().launch(new BrowserType.LaunchOptions()
                .setExecutablePath(CHROMIUM)
                .setHeadless(true)
                .setArgs(Stream.concat(Stream.of("--no-sandbox", "--disable-gpu", "--disable-background-networking",
                        "--disable-component-update", "--no-first-run", "--disable-sync", "--disable-quic"), extra.stream()).toList()));
        return new Browser(pw, b);
    }

    public com.microsoft.playwright.BrowserContext newContext() {
        return browser.newContext(new com.microsoft.playwright.Browser.NewContextOptions().setViewportSize(1280, 800));
    }

    /** A context of a phone or tablet: {@code width} × {@code height} CSS px, touch, a mobile viewport. */
    public com.microsoft.playwright.BrowserContext newDeviceContext(int width, int height) {
        return browser.newContext(new com.microsoft.playwright.Browser.NewContextOptions()
                .setViewportSize(width, height).setHasTouch(true).setIsMobile(true).setDeviceScaleFactor(2));
    }

    @Override
    public void close() {
        browser.close();
        playwright.close();
    }
}
