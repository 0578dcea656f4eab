package io.jenkins.plugins.winrmcredssp.protocol.wsman.server;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.Certificate;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.Locale;
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

    /**
     * The tls-server-end-point channel binding (RFC 5929 §4): {@code "tls-server-end-point:"} followed by the hash of
     * the server certificate, with the certificate's signature hash (SHA-256 in place of MD5 and SHA-1). Empty on HTTP.
     */
    public Optional<byte[]> tlsServerEndPoint() {
        if (tlsSession == null) {
            return Optional.empty();
        }
        Certificate[] local = tlsSession.getLocalCertificates();
        if (local == null || local.length == 0 || !(local[0] instanceof X509Certificate certificate)) {
            return Optional.empty();
        }
        String algorithm = certificate.getSigAlgName().toUpperCase(Locale.ROOT);
        String hash = algorithm.startsWith("SHA384") ? "SHA-384" : algorithm.startsWith("SHA512") ? "SHA-512" : "SHA-256";
        try {
            byte[] digest = MessageDigest.getInstance(hash).digest(certificate.getEncoded());
            byte[] prefix = "tls-server-end-point:".getBytes(StandardCharsets.US_ASCII);
            byte[] out = Arrays.copyOf(prefix, prefix.length + digest.length);
            System.arraycopy(digest, 0, out, prefix.length, digest.length);
            return Optional.of(out);
        } catch (NoSuchAlgorithmException | CertificateEncodingException e) {
            throw new IllegalStateException("cannot hash the server certificate for channel binding", e);
        }
    }
}
