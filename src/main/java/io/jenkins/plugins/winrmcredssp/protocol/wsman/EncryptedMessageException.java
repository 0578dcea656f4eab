package io.jenkins.plugins.winrmcredssp.protocol.wsman;

/** An encrypted WS-Management body ([MS-WSMV] 2.2.9.1) could not be framed or unframed. */
public class EncryptedMessageException extends WsmanException {
    private static final long serialVersionUID = 1L;

    public EncryptedMessageException(String message) {
        super(message);
    }
}
