package io.jenkins.plugins.winrmcredssp.protocol.wsman;

/**
 * The server answered in clear where message encryption was negotiated. Never accepted: the body could have been
 * injected by anyone on the path.
 */
public class UnencryptedMessageException extends EncryptedMessageException {
    private static final long serialVersionUID = 1L;

    private final String contentType;

    public UnencryptedMessageException(String contentType) {
        super("the server sent an unencrypted body (Content-Type: " + contentType + ") where message encryption is "
                + "required; refusing it");
        this.contentType = contentType;
    }

    /** The Content-Type the server sent; may be {@code null}. */
    public String contentType() {
        return contentType;
    }
}
