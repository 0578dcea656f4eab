package io.jenkins.plugins.winrmcredssp.protocol.wsman;

import io.jenkins.plugins.winrmcredssp.protocol.ProtocolException;

/** A WS-Management exchange failed: malformed SOAP, a SOAP fault, an aborted command or bad message encryption. */
public class WsmanException extends ProtocolException {
    private static final long serialVersionUID = 1L;

    public WsmanException(String message) {
        super(message);
    }

    public WsmanException(String message, Throwable cause) {
        super(message, cause);
    }
}
