package io.jenkins.plugins.winrmcredssp.protocol.wsman.server;

/**
 * One HTTP authentication scheme the service offers ({@code WWW-Authenticate}, RFC 9110 §11.6.1). The service keeps
 * one {@link AuthExchange} per TCP connection, so connection-bound schemes (Negotiate, CredSSP: MS-WSMV §2.2.9) keep
 * their security context across the requests of that connection.
 */
public interface HttpAuthenticator {

    /** The scheme token, matched case-insensitively against {@code Authorization}: Basic, Negotiate, CredSSP. */
    String scheme();

    /** The {@code WWW-Authenticate} value offered in a 401 before any exchange, e.g. {@code Basic realm="WSMAN"}. */
    default String offer() {
        return scheme();
    }

    /** Whether the scheme may be used on this connection (Basic only over HTTPS, as Windows without AllowUnencrypted). */
    boolean availableOn(ConnectionInfo connection);

    /** Starts the per-connection state for a new exchange on this connection. */
    AuthExchange newExchange(ConnectionInfo connection);
}
