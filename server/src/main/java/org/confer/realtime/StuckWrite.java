package org.confer.realtime;

/** A frame the client did not take within the send timeout: it is not reading. */
final class StuckWrite extends Exception {
    StuckWrite(long seconds) {
        super("a write waited " + seconds + " s for the client to read");
    }
}
