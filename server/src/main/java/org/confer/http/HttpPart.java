package org.confer.http;

import io.javalin.config.JavalinConfig;

/**
 * One concern of the HTTP server's set-up (in the spirit of Javalin's one-concern plugins):
 * the composition root installs the parts in order, and each says in one place what it adds.
 */
public interface HttpPart {
    void install(JavalinConfig config);
}
