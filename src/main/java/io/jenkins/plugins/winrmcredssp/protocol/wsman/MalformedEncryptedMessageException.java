package io.jenkins.plugins.winrmcredssp.protocol.wsman;

/** The multipart/encrypted body or its Content-Type is not laid out as [MS-WSMV] 2.2.9.1 requires. */
public class MalformedEncryptedMessageException extends EncryptedMessageException {
    private static final long serialVersionUID = 1L;

    public MalformedEncryptedMessageException(String message) {
        super(message);
    }
}
