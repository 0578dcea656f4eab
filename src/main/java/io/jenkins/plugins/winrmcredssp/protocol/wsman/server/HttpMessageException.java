package io.jenkins.plugins.winrmcredssp.protocol.wsman.server;

import io.jenkins.plugins.winrmcredssp.protocol.ProtocolException;

/** A request the HTTP layer refuses before WS-Management sees it; carries the status to answer with. */
final class HttpMessageException extends ProtocolException {
    private static final long serialVersionUID = 1L;
    private final int status;
    private final String reason;

    HttpMessageException(int status, String reason, String message) {
        super(message);
        this.status = status;
        this.reason = reason;
    }

    HttpResponse toResponse() {
        return HttpResponse.text(status, reason, getMessage() + "\n").closeConnection();
    }
}
