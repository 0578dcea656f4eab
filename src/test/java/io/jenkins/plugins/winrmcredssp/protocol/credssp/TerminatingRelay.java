package io.jenkins.plugins.winrmcredssp.protocol.credssp;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * A man in the middle for tests: terminates the client's TLS with its own key, opens its own TLS session to the real
 * acceptor, and forwards the TSRequests (inner tokens and all) between them, recording what the client sent. An
 * override may answer a client TSRequest itself (with the plaintext of its choice) instead of forwarding it.
 */
final class TerminatingRelay {
    private final TsRequestChannel towardClient;
    private final TsRequestChannel towardServer;
    private final CredSspAcceptorContext acceptor;
    private final Function<TsRequest, byte[]> override;
    private final List<TsRequest> clientRequests = new ArrayList<>();
    private boolean upstreamConnected;

    TerminatingRelay(CredSspAcceptorContext acceptor, Function<TsRequest, byte[]> override) throws Exception {
        this.towardClient = new TsRequestChannel(TlsChannel.server(TestIdentities.MITM, TlsOptions.defaults()));
        this.towardServer = new TsRequestChannel(TlsChannel.client(TlsOptions.defaults()));
        this.acceptor = acceptor;
        this.override = override;
    }

    /** Every TSRequest the client sent, decrypted. */
    List<TsRequest> clientRequests() {
        return clientRequests;
    }

    byte[] step(byte[] fromClient) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        TlsChannel clientTls = towardClient.tls();
        if (!clientTls.isHandshakeComplete()) {
            out.writeBytes(clientTls.handshake(fromClient));
            if (!clientTls.isHandshakeComplete()) {
                return out.toByteArray();
            }
            fromClient = null;
        }
        for (TsRequest request = towardClient.receive(fromClient); request != null; request = towardClient.receive(null)) {
            clientRequests.add(request);
            byte[] own = override.apply(request);
            if (own != null) {
                out.writeBytes(clientTls.wrap(own).bytes());
                continue;
            }
            TsRequest answer = forward(request);
            out.writeBytes(answer == null ? clientTls.close() : towardClient.send(answer));
        }
        return out.toByteArray();
    }

    /** The acceptor's answer, or null when it closed the session. */
    private TsRequest forward(TsRequest request) throws Exception {
        connectUpstream();
        byte[] toServer = towardServer.send(request);
        byte[] fromServer;
        try {
            fromServer = acceptor.step(toServer);
        } catch (CredSspAcceptorException refused) {
            fromServer = refused.tokenForClient();
        }
        TsRequest answer = towardServer.receive(fromServer);
        return towardServer.isClosedByPeer() ? null : answer;
    }

    private void connectUpstream() throws Exception {
        if (upstreamConnected) {
            return;
        }
        TlsChannel tls = towardServer.tls();
        byte[] toServer = tls.handshake(null);
        for (int i = 0; i < 10 && !tls.isHandshakeComplete(); i++) {
            toServer = tls.handshake(acceptor.step(toServer));
        }
        if (toServer.length > 0) {
            tls.unwrap(acceptor.step(toServer));
        }
        upstreamConnected = true;
    }
}
