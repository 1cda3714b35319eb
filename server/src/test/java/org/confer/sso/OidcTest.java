package org.confer.sso;

import no.nav.security.mock.oauth2.MockOAuth2Server;
import org.confer.testing.Api;
import org.confer.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;

/** The single sign-on test classes' lifecycle: one {@link OidcWorld} (provider and server) per class, and its parts by name. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class OidcTest {
    protected OidcWorld world;
    protected MockOAuth2Server provider;
    protected TestServer server;
    protected Api api;
    protected String admin;
    protected String rdm;
    protected SsoBrowserHops hops;
    protected ClientAssertions assertions;

    @BeforeAll
    void start() {
        world = new OidcWorld();
        provider = world.provider;
        server = world.server;
        api = world.api;
        admin = world.admin;
        rdm = world.rdm;
        hops = world.hops;
        assertions = world.assertions;
    }

    @AfterAll
    void stop() {
        if (world != null) {
            world.close();
        }
    }
}
