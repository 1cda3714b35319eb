package org.confer.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;

/**
 * Base for tests in real Chromium: one browser and one server on H2 per class (the pages do not
 * depend on the database); screenshots go to {@link Browser#SCREENSHOTS}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class BrowserTest {
    protected TestServer server;
    protected Browser browser;

    @BeforeAll
    void startBrowserAndServer() throws IOException {
        browser = Browser.launch();
        server = TestServer.start(Backend.H2, Map.of());
        Files.createDirectories(Browser.SCREENSHOTS);
    }

    @AfterAll
    void stopBrowserAndServer() {
        if (browser != null) {
            browser.close();
        }
        if (server != null) {
            server.close();
        }
    }
}
