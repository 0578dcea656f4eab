package io.jenkins.plugins.winrmcredssp.protocol.wsman.server;

import io.jenkins.plugins.winrmcredssp.protocol.ProtocolException;
import io.jenkins.plugins.winrmcredssp.protocol.wsman.EncryptedMessage;
import java.util.Optional;

/**
 * The acceptor side of one authentication exchange on one connection: the base64-decoded token of each
 * {@code Authorization: <scheme> <token>} leg goes to {@link #step(byte[])}. Not thread-safe; the connection's
 * handler thread owns it.
 */
public interface AuthExchange extends AutoCloseable {

    /**
     * Processes one leg.
     *
     * @throws ProtocolException malformed token or failed authentication: the service answers 401 and forgets this
     *         exchange
     */
    AuthStep step(byte[] token) throws ProtocolException;

    /**
     * Whether a completed exchange authenticates the following requests on the connection without an
     * {@code Authorization} header (Negotiate, CredSSP) or every request must carry one (Basic).
     */
    boolean bindsConnection();

    /** The MS-WSMV §2.2.9.1 body encryption this exchange established, once complete; empty for Basic. */
    Optional<EncryptedMessage> sealing();

    /** The authenticated user, once complete. */
    String principal();

    @Override
    void close();
}
