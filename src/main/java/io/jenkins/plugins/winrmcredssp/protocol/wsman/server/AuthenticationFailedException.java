package io.jenkins.plugins.winrmcredssp.protocol.wsman.server;

import io.jenkins.plugins.winrmcredssp.protocol.ProtocolException;
import java.util.Optional;

/**
 * The service refused a client's credentials or token; the client gets a 401. When the scheme has a way to say why
 * (CredSSP's TSRequest errorCode, a TLS alert), that token goes back in {@code WWW-Authenticate} and the connection
 * closes. Never carries a secret.
 */
public final class AuthenticationFailedException extends ProtocolException {
    private static final long serialVersionUID = 1L;
    private final byte[] replyToken;

    public AuthenticationFailedException(String message) {
        this(message, null, null);
    }

    public AuthenticationFailedException(String message, byte[] replyToken, Throwable cause) {
        super(message, cause);
        this.replyToken = replyToken == null ? null : replyToken.clone();
    }

    /** The token for the client's last 401, if the scheme sends one on refusal. */
    public Optional<byte[]> replyToken() {
        return Optional.ofNullable(replyToken).map(byte[]::clone);
    }
}
