package org.confer.bench;

final class NhsDayScenario {
    static Report run(Options o, ServerUnderTest server) {
        throw new UnsupportedOperationException("not yet");
    }
}
