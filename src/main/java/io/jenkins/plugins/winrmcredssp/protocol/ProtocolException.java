package io.jenkins.plugins.winrmcredssp.protocol;

import java.io.IOException;

/**
 * Root of every error the protocol stack reports on purpose. Subclasses name the layer (NTLM, SPNEGO, CredSSP,
 * WS-Management) and, where one exists, the stage; messages say what was wrong and, when known, how to fix it.
 * Messages never contain secrets.
 */
public class ProtocolException extends IOException {
    private static final long serialVersionUID = 1L;

    public ProtocolException(String message) {
        super(message);
    }

    public ProtocolException(String message, Throwable cause) {
        super(message, cause);
    }
}
