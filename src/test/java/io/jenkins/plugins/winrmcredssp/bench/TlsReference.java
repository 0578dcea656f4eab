package io.jenkins.plugins.winrmcredssp.bench;

import io.jenkins.plugins.winrmcredssp.protocol.credssp.TlsServerIdentity;
import java.nio.ByteBuffer;
import java.security.KeyStore;
import java.time.Clock;
import java.util.Arrays;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLException;
import javax.net.ssl.TrustManagerFactory;

/**
 * The reference line: JDK {@link SSLEngine} TLS 1.3 with {@code TLS_AES_256_GCM_SHA384} (the suite the CredSSP session
 * negotiates), client wrap plus server unwrap of 16 KiB records, memory to memory on one thread.
 */
final class TlsReference {
    static final String SUITE = "TLS_AES_256_GCM_SHA384";

    private TlsReference() {
    }

    /** MB/s (10^6 bytes) for {@code bytes} of application data, after a warm-up of the same size. */
    static double throughput(long bytes) throws Exception {
        TlsServerIdentity identity = TlsServerIdentity.selfSigned("bench.invalid", Clock.systemUTC());
        SSLContext server = SSLContext.getInstance("TLSv1.3");
        server.init(identity.keyManagers(), null, null);
        KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
        trust.load(null, null);
        trust.setCertificateEntry("bench", identity.certificate());
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        SSLContext client = SSLContext.getInstance("TLSv1.3");
        client.init(null, tmf.getTrustManagers(), null);
        SSLEngine c = client.createSSLEngine("bench.invalid", 443);
        c.setUseClientMode(true);
        SSLEngine s = server.createSSLEngine();
        s.setUseClientMode(false);
        for (SSLEngine e : new SSLEngine[] {c, s}) {
            e.setEnabledProtocols(new String[] {"TLSv1.3"});
            e.setEnabledCipherSuites(new String[] {SUITE});
        }
        int net = c.getSession().getPacketBufferSize();
        ByteBuffer c2s = ByteBuffer.allocate(net * 4);
        ByteBuffer s2c = ByteBuffer.allocate(net * 4);
        ByteBuffer sink = ByteBuffer.allocate(c.getSession().getApplicationBufferSize() * 2);
        handshake(c, s, c2s, s2c, sink);
        transfer(c, s, c2s, sink, bytes);
        long start = System.nanoTime();
        transfer(c, s, c2s, sink, bytes);
        double seconds = (System.nanoTime() - start) / 1e9;
        return bytes / 1e6 / seconds;
    }

    private static void transfer(SSLEngine c, SSLEngine s, ByteBuffer c2s, ByteBuffer sink, long bytes)
            throws SSLException {
        byte[] chunk = new byte[16 * 1024];
        Arrays.fill(chunk, (byte) 'x');
        ByteBuffer app = ByteBuffer.wrap(chunk);
        for (long sent = 0; sent < bytes; sent += chunk.length) {
            app.clear();
            c2s.clear();
            c.wrap(app, c2s);
            c2s.flip();
            while (c2s.hasRemaining()) {
                sink.clear();
                SSLEngineResult r = s.unwrap(c2s, sink);
                if (r.getStatus() != SSLEngineResult.Status.OK) {
                    throw new SSLException("unwrap: " + r);
                }
            }
        }
    }

    private static void handshake(SSLEngine c, SSLEngine s, ByteBuffer c2s, ByteBuffer s2c, ByteBuffer sink)
            throws Exception {
        ByteBuffer empty = ByteBuffer.allocate(0);
        c.beginHandshake();
        s.beginHandshake();
        for (int i = 0; i < 1000 && (busy(c) || busy(s)); i++) {
            step(c, c2s, s2c, empty, sink);
            step(s, s2c, c2s, empty, sink);
        }
        if (busy(c) || busy(s)) {
            throw new SSLException("the reference TLS handshake did not finish");
        }
    }

    private static boolean busy(SSLEngine e) {
        SSLEngineResult.HandshakeStatus h = e.getHandshakeStatus();
        return h != SSLEngineResult.HandshakeStatus.NOT_HANDSHAKING && h != SSLEngineResult.HandshakeStatus.FINISHED;
    }

    private static void step(SSLEngine e, ByteBuffer out, ByteBuffer in, ByteBuffer empty, ByteBuffer sink)
            throws SSLException {
        switch (e.getHandshakeStatus()) {
            case NEED_WRAP -> e.wrap(empty, out);
            case NEED_UNWRAP, NEED_UNWRAP_AGAIN -> {
                in.flip();
                sink.clear();
                e.unwrap(in, sink);
                in.compact();
            }
            case NEED_TASK -> {
                Runnable task;
                while ((task = e.getDelegatedTask()) != null) {
                    task.run();
                }
            }
            default -> {
            }
        }
    }
}
