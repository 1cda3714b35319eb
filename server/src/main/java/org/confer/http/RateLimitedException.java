package org.confer.http;

/** Too many attempts; the caller should wait {@code retryAfterSeconds}. */
public final class RateLimitedException extends RuntimeException {
    private final long retryAfterSeconds;

    public RateLimitedException(long retryAfterSeconds) {
        this("Too many sign-in attempts; try again in " + retryAfterSeconds + " s", retryAfterSeconds);
    }

    public RateLimitedException(String message, long retryAfterSeconds) {
        super(message, null, false, false);
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
