package org.confer.testing;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import java.io.IOException;
import java.nio.file.Files;
import java.util.Map;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;

/**
 * Base for tests in real Chromium: one server on H2 per class (the pages do not depend on the
 * database) and the JVM's one Chromium ({@link Browser#shared}), whose contexts the class opens
 * and which are closed after it; screenshots go to {@link Browser#SCREENSHOTS}.
 */
@ResourceLock(Browser.LOCK)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class BrowserTest {
    protected TestServer server;
    protected Browser browser;

    /** Settings (CONFER_* names) this class's server needs on top of the test defaults. */
    protected Map<String, String> settings() {
        return Map.of();
    }

    @BeforeAll
    void startBrowserAndServer() throws IOException {
        browser = Browser.shared();
        server = TestServer.start(Backend.H2, settings());
        Files.createDirectories(Browser.SCREENSHOTS);
    }

    @AfterAll
    void stopBrowserAndServer() {
        if (browser != null) {
            browser.closeContexts();
        }
        if (server != null) {
            server.close();
        }
    }

    /** A new page of {@code context} signed in through the sign-in form as a demo person (alice, bob, ...). */
    protected Page signedIn(BrowserContext context, String demoLocalPart) {
        Page page = context.newPage();
        page.navigate(server.api.base() + "/");
        page.getByLabel("Email").fill(demoLocalPart + "@demo.confer.test");
        page.getByLabel("Password").fill(TestServer.DEMO_PASSWORD);
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign in")).click();
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign out")).waitFor();
        return page;
    }
}
