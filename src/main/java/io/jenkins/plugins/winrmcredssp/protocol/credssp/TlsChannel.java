package io.jenkins.plugins.winrmcredssp.protocol.credssp;

import io.jenkins.plugins.winrmcredssp.protocol.codec.MalformedTokenException;
import java.io.ByteArrayOutputStream;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * A TLS session run memory to memory over a JDK {@link SSLEngine}: the caller moves opaque bytes (TLS records) between
 * this and the peer however it likes (HTTP headers, a socket, a test). The client does not validate the server's
 * certificate chain or name: MS-CSSP §3.1.5 binds the session to the server key through pubKeyAuth instead.
 *
 * <p>Input may arrive in any fragmentation; incomplete records wait for the rest. Not thread-safe.
 */
public final class TlsChannel {
    private static final int RECORD_HEADER = 5;
    private static final int MAX_PLAINTEXT = 16384;
    /**
     * The JDK pads every TLS 1.3 record's inner plaintext with 16 zero bytes (RFC 8446 §5.4 allows it), so one record
     * holds 16384 − 1 (content type) − 16 bytes of application data.
     */
    private static final int JDK_TLS13_PADDING = 16;
    private static final int APPLICATION_DATA = 23;
    private static final ByteBuffer EMPTY = ByteBuffer.allocate(0);

    private final SSLEngine engine;
    /** Reused by every wrap (records only, no plaintext) and unwrap (wiped after each use): no 16 KB per record. */
    private ByteBuffer network;
    private ByteBuffer application;
    private byte[] inbound = new byte[0];
    private int inboundLength;
    private boolean closedByPeer;

    private TlsChannel(SSLEngine engine, TlsOptions options) {
        this.engine = engine;
        engine.setEnabledProtocols(options.protocols().toArray(String[]::new));
    }

    /** Client side, no certificate validation. */
    public static TlsChannel client(TlsOptions options) throws SSLException {
        SSLEngine engine = context(null, new TrustManager[] {new AcceptAnyServer()}).createSSLEngine();
        engine.setUseClientMode(true);
        TlsChannel channel = new TlsChannel(engine, options);
        engine.beginHandshake();
        return channel;
    }

    /** Server side presenting {@code identity}; no client certificate is requested. */
    public static TlsChannel server(TlsServerIdentity identity, TlsOptions options) throws SSLException {
        SSLEngine engine = context(identity.keyManagers(), null).createSSLEngine();
        engine.setUseClientMode(false);
        TlsChannel channel = new TlsChannel(engine, options);
        engine.beginHandshake();
        return channel;
    }

    private static SSLContext context(KeyManager[] keys, TrustManager[] trust) throws SSLException {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keys, trust, null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new SSLException("the JDK has no usable TLS implementation", e);
        }
    }

    /**
     * Feeds the peer's bytes (possibly none, possibly a fragment of a record) and advances the handshake.
     *
     * @return bytes for the peer, possibly empty
     */
    public byte[] handshake(byte[] input) throws SSLException {
        append(input);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        while (true) {
            SSLEngineResult.HandshakeStatus status = engine.getHandshakeStatus();
            switch (status) {
                case NEED_WRAP -> {
                    SSLEngineResult result = wrapInto(EMPTY, out);
                    if (result.getStatus() == SSLEngineResult.Status.CLOSED) {
                        return out.toByteArray();
                    }
                }
                case NEED_UNWRAP, NEED_UNWRAP_AGAIN -> {
                    ByteArrayOutputStream early = new ByteArrayOutputStream();
                    SSLEngineResult result = unwrapOne(early);
                    if (early.size() > 0) {
                        throw new SSLException("application data arrived before the TLS handshake finished");
                    }
                    if (result.getStatus() == SSLEngineResult.Status.BUFFER_UNDERFLOW) {
                        return out.toByteArray();
                    }
                    if (result.getStatus() == SSLEngineResult.Status.CLOSED) {
                        closedByPeer = true;
                        throw new SSLException("the peer closed the TLS session during the handshake");
                    }
                }
                case NEED_TASK -> {
                    Runnable task;
                    while ((task = engine.getDelegatedTask()) != null) {
                        task.run();
                    }
                }
                default -> {
                    return out.toByteArray();
                }
            }
        }
    }

    public boolean isHandshakeComplete() {
        SSLEngineResult.HandshakeStatus status = engine.getHandshakeStatus();
        return !closedByPeer && (status == SSLEngineResult.HandshakeStatus.NOT_HANDSHAKING
                || status == SSLEngineResult.HandshakeStatus.FINISHED);
    }

    /** Whether the peer sent close_notify. */
    public boolean isClosedByPeer() {
        return closedByPeer;
    }

    /**
     * The most application data one record carries: 16384 (RFC 5246 §6.2.1), 16367 for the JDK's padded TLS 1.3.
     */
    public int maxWrapLength() throws SSLException {
        requireHandshakeComplete();
        return protocol().equals("TLSv1.3") ? MAX_PLAINTEXT - 1 - JDK_TLS13_PADDING : MAX_PLAINTEXT;
    }

    /**
     * Protects {@code plaintext} (1 to {@link #maxWrapLength()} bytes) in exactly one TLS application-data record.
     */
    public TlsRecord wrap(byte[] plaintext) throws SSLException {
        if (plaintext.length == 0 || plaintext.length > maxWrapLength()) {
            throw new IllegalArgumentException("one TLS record carries 1 to " + maxWrapLength() + " bytes, not "
                    + plaintext.length);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(plaintext.length + 64);
        SSLEngineResult result = wrapInto(ByteBuffer.wrap(plaintext), out);
        byte[] record = out.toByteArray();
        if (result.getStatus() != SSLEngineResult.Status.OK || result.bytesConsumed() != plaintext.length
                || record.length < RECORD_HEADER || (record[0] & 0xFF) != APPLICATION_DATA
                || ((record[3] & 0xFF) << 8 | (record[4] & 0xFF)) != record.length - RECORD_HEADER) {
            throw new SSLException("the TLS engine did not produce exactly one application-data record");
        }
        int trailer = record.length - RECORD_HEADER - explicitNonceLength() - plaintext.length;
        return new TlsRecord(record, trailer);
    }

    /** Plaintext of every complete record received so far; an incomplete record waits for more input. */
    public byte[] unwrap(byte[] input) throws SSLException {
        append(input);
        ByteArrayOutputStream plaintext = new ByteArrayOutputStream(inboundLength);
        while (inboundLength > 0 && !closedByPeer) {
            SSLEngineResult result = unwrapOne(plaintext);
            if (result.getStatus() == SSLEngineResult.Status.BUFFER_UNDERFLOW
                    || result.bytesConsumed() == 0 && result.bytesProduced() == 0) {
                break;
            }
            if (result.getStatus() == SSLEngineResult.Status.CLOSED) {
                closedByPeer = true;
            }
            if (result.getHandshakeStatus() == SSLEngineResult.HandshakeStatus.NEED_TASK) {
                Runnable task;
                while ((task = engine.getDelegatedTask()) != null) {
                    task.run();
                }
            }
        }
        return plaintext.toByteArray();
    }

    /** Bytes received but not yet forming a complete record. */
    public int pendingInput() {
        return inboundLength;
    }

    /**
     * After a failed handshake, the alert the engine still has to send (e.g. protocol_version), so the peer learns why;
     * empty when there is none.
     */
    public byte[] pendingAlert() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            while (engine.getHandshakeStatus() == SSLEngineResult.HandshakeStatus.NEED_WRAP
                    && wrapInto(EMPTY, out).bytesProduced() > 0) {
                // until the alert is out
            }
        } catch (SSLException e) {
            // the engine has nothing more it can send
        }
        return out.toByteArray();
    }

    /** A close_notify alert for the peer. */
    public byte[] close() throws SSLException {
        engine.closeOutbound();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        while (!engine.isOutboundDone() && wrapInto(EMPTY, out).bytesProduced() > 0) {
            // until close_notify is out
        }
        return out.toByteArray();
    }

    /** The negotiated protocol, e.g. {@code TLSv1.3}. */
    public String protocol() {
        return engine.getSession().getProtocol();
    }

    /** The negotiated cipher suite, e.g. {@code TLS_AES_256_GCM_SHA384}. */
    public String cipherSuite() {
        return engine.getSession().getCipherSuite();
    }

    /** The subjectPublicKey of the server's certificate: the peer's for a client, our own for a server. */
    public byte[] serverSubjectPublicKey() throws SSLException, MalformedTokenException {
        requireHandshakeComplete();
        SSLSession session = engine.getSession();
        Certificate[] chain = engine.getUseClientMode() ? peerCertificates(session) : session.getLocalCertificates();
        if (chain == null || chain.length == 0) {
            throw new SSLException("the TLS session has no server certificate");
        }
        return SubjectPublicKeyInfo.subjectPublicKey(chain[0]);
    }

    private static Certificate[] peerCertificates(SSLSession session) throws SSLException {
        try {
            return session.getPeerCertificates();
        } catch (SSLPeerUnverifiedException e) {
            throw new SSLException("the TLS server sent no certificate", e);
        }
    }

    /**
     * Bytes between the record header and the plaintext (RFC 5246 §6.2.3.2-3, RFC 8446 §5.2): the explicit nonce of
     * TLS 1.2 AEAD suites, the explicit IV of TLS 1.1+ CBC suites, none for TLS 1.3, ChaCha20 or TLS 1.0.
     */
    private int explicitNonceLength() {
        String protocol = protocol();
        String suite = cipherSuite();
        if (!protocol.equals("TLSv1.2") && !protocol.equals("TLSv1.1")) {
            return 0;
        }
        if (suite.contains("_GCM_") || suite.contains("_CCM")) {
            return 8;
        }
        if (suite.contains("_CBC_")) {
            return suite.contains("3DES") || suite.contains("DES_CBC") ? 8 : 16;
        }
        return 0;
    }

    private void requireHandshakeComplete() throws SSLException {
        if (!isHandshakeComplete()) {
            throw new SSLException("the TLS handshake is not complete");
        }
    }

    private void append(byte[] input) {
        if (input == null || input.length == 0) {
            return;
        }
        if (inboundLength + input.length > inbound.length) {
            inbound = Arrays.copyOf(inbound, Math.max(inboundLength + input.length, inbound.length * 2));
        }
        System.arraycopy(input, 0, inbound, inboundLength, input.length);
        inboundLength += input.length;
    }

    private SSLEngineResult wrapInto(ByteBuffer source, ByteArrayOutputStream out) throws SSLException {
        if (network == null) {
            network = ByteBuffer.allocate(engine.getSession().getPacketBufferSize());
        }
        network.clear();
        while (true) {
            SSLEngineResult result = engine.wrap(source, network);
            if (result.getStatus() == SSLEngineResult.Status.BUFFER_OVERFLOW) {
                network = ByteBuffer.allocate(network.capacity() * 2);
                continue;
            }
            out.write(network.array(), 0, network.position());
            return result;
        }
    }

    private SSLEngineResult unwrapOne(ByteArrayOutputStream plaintext) throws SSLException {
        ByteBuffer source = ByteBuffer.wrap(inbound, 0, inboundLength);
        if (application == null) {
            application = ByteBuffer.allocate(engine.getSession().getApplicationBufferSize());
        }
        application.clear();
        while (true) {
            SSLEngineResult result = engine.unwrap(source, application);
            if (result.getStatus() == SSLEngineResult.Status.BUFFER_OVERFLOW) {
                application = ByteBuffer.allocate(application.capacity() * 2);
                continue;
            }
            int consumed = result.bytesConsumed();
            System.arraycopy(inbound, consumed, inbound, 0, inboundLength - consumed);
            Arrays.fill(inbound, inboundLength - consumed, inboundLength, (byte) 0);
            inboundLength -= consumed;
            plaintext.write(application.array(), 0, application.position());
            Arrays.fill(application.array(), 0, application.position(), (byte) 0);
            return result;
        }
    }

    /** Accepts any server: the CredSSP binding is pubKeyAuth (MS-CSSP §3.1.5), not the certificate chain. */
    private static final class AcceptAnyServer extends X509ExtendedTrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) {
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
