package io.jenkins.plugins.winrmcredssp.protocol.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Collection;
import java.util.HexFormat;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;
import javax.net.ssl.SSLEngine;
import java.net.Socket;

/** Builds the outer HTTPS {@link SSLContext} for a {@link ServerTrust}. */
final class TrustConfiguration {
    private TrustConfiguration() {
    }

    static SSLContext sslContext(ServerTrust trust) throws IOException {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            TrustManager[] managers = switch (trust.kind()) {
                case DEFAULT -> null;
                case CA_FILE -> caFile(trust);
                case THUMBPRINT -> new TrustManager[] {new Pinned(trust.sha256Thumbprint())};
                case INSECURE -> new TrustManager[] {new Pinned(null)};
            };
            context.init(null, managers, null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot set up HTTPS trust: " + e.getMessage(), e);
        }
    }

    private static TrustManager[] caFile(ServerTrust trust) throws IOException, GeneralSecurityException {
        KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
        store.load(null, null);
        Collection<? extends Certificate> certificates;
        try (InputStream in = Files.newInputStream(trust.caFile())) {
            certificates = CertificateFactory.getInstance("X.509").generateCertificates(in);
        } catch (CertificateException e) {
            throw new IOException("--ca-file " + trust.caFile() + " holds no readable PEM certificate: " + e.getMessage(), e);
        }
        if (certificates.isEmpty()) {
            throw new IOException("--ca-file " + trust.caFile() + " holds no certificate");
        }
        int i = 0;
        for (Certificate certificate : certificates) {
            store.setCertificateEntry("ca" + i++, certificate);
        }
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(store);
        return factory.getTrustManagers();
    }

    /**
     * Accepts exactly the leaf certificate with the given SHA-256 thumbprint, or anything when {@code null}
     * ({@code --insecure}); host names are not checked either way, as the certificate itself is what is pinned.
     */
    private static final class Pinned extends X509ExtendedTrustManager {
        private final String sha256;

        Pinned(String sha256) {
            this.sha256 = sha256;
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            if (sha256 == null) {
                return;
            }
            if (chain == null || chain.length == 0) {
                throw new CertificateException("the server sent no certificate");
            }
            String actual;
            try {
                actual = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(chain[0].getEncoded()));
            } catch (GeneralSecurityException e) {
                throw new CertificateException(e);
            }
            if (!actual.equals(sha256)) {
                throw new CertificateException("the server's certificate has SHA-256 thumbprint " + actual
                        + ", not the expected " + sha256);
            }
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
            checkServerTrusted(chain, authType);
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
            checkServerTrusted(chain, authType);
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            throw new CertificateException("client side only");
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
            throw new CertificateException("client side only");
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
            throw new CertificateException("client side only");
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
