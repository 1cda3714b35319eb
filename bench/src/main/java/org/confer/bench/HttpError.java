package org.confer.bench;

/** A non-2xx answer from the server: its status and, for 429/503, how long to wait before retrying. */
final class HttpError extends IllegalStateException {
    private static final long serialVersionUID = 1L;
    final int status;
    final long retryAfterMillis;

    HttpError(String message, int status, long retryAfterMillis) {
        super(message);
        this.status = status;
        this.retryAfterMillis = retryAfterMillis;
    }
}
