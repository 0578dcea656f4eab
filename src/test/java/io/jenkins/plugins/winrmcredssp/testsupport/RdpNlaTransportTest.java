package io.jenkins.plugins.winrmcredssp.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.EOFException;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLEngineResult.HandshakeStatus;
import javax.net.ssl.SSLException;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Proves the RDP prelude and the TLS layering over {@link RdpNlaTransport}: a JDK SSLEngine, fed only the record bytes
 * the transport moves (as a CredSSP client's TLS channel will be), completes a handshake with FreeRDP.
 */
class RdpNlaTransportTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static FreeRdpShadowServer server;

    @BeforeAll
    static void startServer() throws IOException {
        server = FreeRdpShadowServer.start();
    }

    @AfterAll
    static void stopServer() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void preludeSelectsHybridAndTlsHandshakeCompletesOverRawRecords() throws Exception {
        try (RdpNlaTransport transport = RdpNlaTransport.connect(server, TIMEOUT)) {
            assertThat(transport.selectedProtocol()).isEqualTo(RdpNlaTransport.PROTOCOL_HYBRID);

            SSLEngine engine = handshake(transport);

            // MS-CSSP: the server's own certificate, not validated by chain; pubKeyAuth binds its public key
            X509Certificate certificate = (X509Certificate) engine.getSession().getPeerCertificates()[0];
            assertThat(certificate.getPublicKey()).isInstanceOfSatisfying(RSAPublicKey.class,
                    key -> assertThat(key.getModulus().bitLength()).isEqualTo(2048));
            assertThat(engine.getSession().getProtocol()).isEqualTo("TLSv1.3");
        }
    }

    @Test
    void receiveReportsTheServerClosingTheConnection() throws Exception {
        try (RdpNlaTransport transport = RdpNlaTransport.connect(server, TIMEOUT)) {
            transport.send(new byte[] {0x15, 0x03, 0x03, 0x00, 0x02, 0x02, 0x28}); // alert: fatal handshake_failure
            assertThatThrownBy(() -> {
                while (true) {
                    transport.receive();
                }
            }).isInstanceOf(EOFException.class);
        }
    }

    @Test
    void connectRejectsAPeerThatIsNotAnRdpServer() throws Exception {
        try (ServerSocket silent = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Thread closer = new Thread(() -> {
                try {
                    silent.accept().close();
                } catch (IOException ignored) {
                    // the test fails on its own if this does not happen
                }
            });
            closer.start();
            assertThatThrownBy(() -> RdpNlaTransport.connect("127.0.0.1", silent.getLocalPort(), TIMEOUT))
                    .isInstanceOf(EOFException.class)
                    .hasMessageContaining("X.224 Connection Confirm");
            closer.join(TIMEOUT.toMillis());
        }
    }

    /** Drives a client SSLEngine to the end of its handshake with nothing but transport.send/receive. */
    private static SSLEngine handshake(RdpNlaTransport transport) throws IOException, GeneralSecurityException {
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, new TrustManager[] {new AcceptAnyServerCertificate()}, null);
        SSLEngine engine = context.createSSLEngine();
        engine.setUseClientMode(true);
        engine.beginHandshake();
        int packetSize = engine.getSession().getPacketBufferSize();
        ByteBuffer netIn = ByteBuffer.allocate(0);
        ByteBuffer netOut = ByteBuffer.allocate(packetSize);
        ByteBuffer appIn = ByteBuffer.allocate(engine.getSession().getApplicationBufferSize());
        HandshakeStatus status = engine.getHandshakeStatus();
        while (status != HandshakeStatus.FINISHED && status != HandshakeStatus.NOT_HANDSHAKING) {
            switch (status) {
                case NEED_WRAP -> {
                    netOut.clear();
                    SSLEngineResult result = engine.wrap(ByteBuffer.allocate(0), netOut);
                    netOut.flip();
                    byte[] records = new byte[netOut.remaining()];
                    netOut.get(records);
                    transport.send(records);
                    status = result.getHandshakeStatus();
                }
                case NEED_UNWRAP, NEED_UNWRAP_AGAIN -> {
                    SSLEngineResult result = engine.unwrap(netIn, appIn);
                    if (result.getStatus() == SSLEngineResult.Status.BUFFER_UNDERFLOW) {
                        netIn = append(netIn, transport.receive());
                    } else if (result.getStatus() != SSLEngineResult.Status.OK) {
                        throw new SSLException("unexpected unwrap result " + result);
                    }
                    status = result.getHandshakeStatus();
                    if (status == HandshakeStatus.NEED_UNWRAP && !netIn.hasRemaining()) {
                        netIn = append(netIn, transport.receive());
                    }
                }
                case NEED_TASK -> {
                    for (Runnable task; (task = engine.getDelegatedTask()) != null; ) {
                        task.run();
                    }
                    status = engine.getHandshakeStatus();
                }
                default -> throw new SSLException("unexpected handshake status " + status);
            }
        }
        return engine;
    }

    private static ByteBuffer append(ByteBuffer remaining, byte[] more) {
        ByteBuffer joined = ByteBuffer.allocate(remaining.remaining() + more.length);
        joined.put(remaining).put(more).flip();
        return joined;
    }

    /** MS-CSSP §3.1.5: the client does not validate the TLS certificate; pubKeyAuth binds the key instead. */
    private static final class AcceptAnyServerCertificate implements X509TrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {
            throw new UnsupportedOperationException("client side only");
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
