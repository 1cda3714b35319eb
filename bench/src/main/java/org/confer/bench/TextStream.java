package org.confer.bench;

import org.eclipse.jetty.websocket.api.Session;

/**
 * What every stream client of the generator shares: it keeps its session, reassembles text
 * messages that arrive in parts, hands each whole message to {@link #onFrame}, and can be
 * dropped at once. Public because Jetty calls listener methods only on public classes.
 */
public abstract class TextStream implements Session.Listener.AutoDemanding {
    private final PartialText partial = new PartialText();
    private volatile Session session;

    /** One whole text message from the server. */
    protected abstract void onFrame(String frame);

    @Override
    public void onWebSocketOpen(Session s) {
        session = s;
    }

    @Override
    public void onWebSocketPartialText(String payload, boolean last) {
        String frame = partial.add(payload, last);
        if (frame != null) {
            onFrame(frame);
        }
    }

    /** Drops the connection at once, without a close handshake. */
    void close() {
        Session s = session;
        if (s != null) {
            s.disconnect();
        }
    }
}
