package org.nnlab.serve;

/** A request the server refuses: the HTTP status and a one-line reason for the client. */
final class RequestException extends RuntimeException {
    private final int status;

    RequestException(int status, String reason) {
        super(reason);
        this.status = status;
    }

    int status() {
        return status;
    }

    static RequestException badRequest(String reason) {
        return new RequestException(400, reason);
    }
}
