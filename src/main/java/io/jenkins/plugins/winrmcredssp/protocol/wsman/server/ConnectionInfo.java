package io.jenkins.plugins.winrmcredssp.protocol.wsman.server;

import java.net.InetSocketAddress;
import java.util.Optional;
import javax.net.ssl.SSLSession;

/**
 * What an authenticator may know about the connection: whether it is HTTPS (and its TLS session, for channel
 * binding) and who is on the other end.
 */
public record ConnectionInfo(long id, InetSocketAddress remote, SSLSession tlsSession) {

    public boolean https() {
        return tlsSession != null;
    }

    public Optional<SSLSession> tls() {
        return Optional.ofNullable(tlsSession);
    }
}
