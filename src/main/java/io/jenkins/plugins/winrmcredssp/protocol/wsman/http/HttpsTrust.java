package io.jenkins.plugins.winrmcredssp.protocol.wsman.http;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Objects;
import java.util.logging.Logger;
import javax.net.ssl.HostnameVerifier;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import org.apache.hc.client5.http.ssl.DefaultHostnameVerifier;
import org.apache.hc.client5.http.ssl.NoopHostnameVerifier;

/**
 * How the HTTPS listener's certificate (the WinRM HTTPS transport, not the CredSSP inner TLS) is validated. Builds its
 * own {@link SSLContext}; the JVM-wide TLS defaults are never changed.
 */
public final class HttpsTrust {
    private static final Logger LOG = Logger.getLogger(HttpsTrust.class.getName());

    private enum Kind { JVM_DEFAULT, CA_FILE, THUMBPRINT, INSECURE }

    private final Kind kind;
    private final Path caFile;
    private final byte[] thumbprint;

    private HttpsTrust(Kind kind, Path caFile, byte[] thumbprint) {
        this.kind = kind;
        this.caFile = caFile;
        this.thumbprint = thumbprint;
    }

    /** The JVM's trust store and host name verification (the default). */
    public static HttpsTrust jvmDefault() {
        return new HttpsTrust(Kind.JVM_DEFAULT, null, null);
    }

    /** Trust the CA certificate(s) in this PEM (or DER) file, and verify the host name. */
    public static HttpsTrust caCertificate(Path pemFile) {
        return new HttpsTrust(Kind.CA_FILE, Objects.requireNonNull(pemFile, "pemFile"), null);
    }

    /**
     * Trust exactly the server certificate with this SHA-256 fingerprint (hex, colons and spaces allowed); the pin
     * replaces chain and host name checks.
     */
    public static HttpsTrust thumbprint(String sha256Hex) {
        String hex = sha256Hex.replaceAll("[:\\s]", "").toLowerCase(Locale.ROOT);
        if (!hex.matches("[0-9a-f]{64}")) {
            throw new IllegalArgumentException("a SHA-256 thumbprint is 64 hex digits, not '" + sha256Hex + "'");
        }
        return new HttpsTrust(Kind.THUMBPRINT, null, HexFormat.of().parseHex(hex));
    }

    /** No certificate validation at all (logs a warning each time a client is set up with it). */
    public static HttpsTrust insecure() {
        return new HttpsTrust(Kind.INSECURE, null, null);
    }

    /** The SHA-256 fingerprint of a certificate, lower-case hex, as {@link #thumbprint} accepts it. */
    public static String sha256Thumbprint(X509Certificate certificate) throws CertificateException {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded()));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    SSLContext sslContext() throws IOException {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, trustManagers(), null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot set up HTTPS certificate validation (" + this + "): " + e.getMessage(), e);
        }
    }

    HostnameVerifier hostnameVerifier() {
        return kind == Kind.THUMBPRINT || kind == Kind.INSECURE ? NoopHostnameVerifier.INSTANCE : new DefaultHostnameVerifier();
    }

    private TrustManager[] trustManagers() throws GeneralSecurityException, IOException {
        switch (kind) {
            case CA_FILE:
                KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
                store.load(null, null);
                int i = 0;
                try (InputStream in = Files.newInputStream(caFile)) {
                    for (Certificate certificate : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                        store.setCertificateEntry("ca-" + i++, certificate);
                    }
                }
                if (i == 0) {
                    throw new IOException("no certificate in " + caFile);
                }
                return factory(store).getTrustManagers();
            case THUMBPRINT:
                return new TrustManager[] {new PinnedTrustManager(thumbprint, false)};
            case INSECURE:
                LOG.warning("HTTPS certificate validation is DISABLED for this WinRM connection (insecure option):"
                        + " anyone on the network path can impersonate the server");
                return new TrustManager[] {new PinnedTrustManager(null, true)};
            default:
                return factory(null).getTrustManagers();
        }
    }

    private static TrustManagerFactory factory(KeyStore store) throws GeneralSecurityException {
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(store);
        return factory;
    }

    @Override
    public String toString() {
        switch (kind) {
            case CA_FILE:
                return "CA certificate " + caFile;
            case THUMBPRINT:
                return "certificate pinned by SHA-256 " + HexFormat.of().formatHex(thumbprint);
            case INSECURE:
                return "no certificate validation (insecure)";
            default:
                return "JVM trust store";
        }
    }

    /** Accepts the leaf certificate whose SHA-256 matches, or anything when {@code acceptAll}. */
    private static final class PinnedTrustManager implements X509TrustManager {
        private final byte[] pin;
        private final boolean acceptAll;

        PinnedTrustManager(byte[] pin, boolean acceptAll) {
            this.pin = pin;
            this.acceptAll = acceptAll;
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            throw new CertificateException("client certificates are not checked here");
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            if (acceptAll) {
                return;
            }
            if (chain == null || chain.length == 0) {
                throw new CertificateException("the server sent no certificate");
            }
            String actual = sha256Thumbprint(chain[0]);
            if (!MessageDigest.isEqual(HexFormat.of().parseHex(actual), pin)) {
                throw new CertificateException("the server certificate's SHA-256 thumbprint " + actual
                        + " is not the pinned " + HexFormat.of().formatHex(pin));
            }
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
