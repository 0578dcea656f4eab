package io.jenkins.plugins.winrmcredssp.protocol.wsman.server;

import io.jenkins.plugins.winrmcredssp.protocol.ProtocolException;

/** The service refused a client's credentials or token; the client gets a 401. Never carries a secret. */
public final class AuthenticationFailedException extends ProtocolException {
    private static final long serialVersionUID = 1L;

    public AuthenticationFailedException(String message) {
        super(message);
    }
}
