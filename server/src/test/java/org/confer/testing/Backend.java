package org.confer.testing;

/** The databases every integration test runs against. */
public enum Backend {
    H2,
    POSTGRES
}
