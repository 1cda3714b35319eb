package org.confer.realtime;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.UUID;
import java.util.function.Consumer;
import org.confer.events.ServerFrame;

/**
 * Client frames a feature above the stream handles (calls' {@code call.signal} and
 * {@code call.state}, docs/protocol.md section 3.5): the stream stays free of feature classes and
 * hands it every frame of a type it {@link #handles}. A bad or refused frame is answered with an
 * error frame through {@code reply}; the connection stays open.
 */
public interface ClientFrameHandler {

    boolean handles(String type);

    void handle(UUID userId, JsonNode frame, Consumer<ServerFrame> reply);
}
