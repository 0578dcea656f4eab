package io.jenkins.plugins.winrmcredssp.protocol.credssp;

import io.jenkins.plugins.winrmcredssp.protocol.codec.Der;
import java.io.ByteArrayInputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Objects;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;

/**
 * A TLS server's key and certificate. {@link #selfSigned} makes what Windows' CredSSP uses when no certificate is
 * configured: a throwaway RSA key with a self-signed X.509 v1 certificate (RFC 5280 §4.1), built with {@link Der} and
 * signed with sha256WithRSAEncryption. Nobody validates it: CredSSP binds to the key through pubKeyAuth.
 */
public final class TlsServerIdentity {
    private static final String SHA256_WITH_RSA = "1.2.840.113549.1.1.11";
    private static final String COMMON_NAME = "2.5.4.3";
    private static final int SET = 0x31;
    private static final int NULL = 0x05;
    private static final int UTF8_STRING = 0x0C;
    private static final int UTC_TIME = 0x17;
    private static final DateTimeFormatter UTC_TIME_FORMAT = DateTimeFormatter.ofPattern("yyMMddHHmmss'Z'")
            .withZone(ZoneOffset.UTC);

    private final PrivateKey privateKey;
    private final X509Certificate certificate;
    private KeyManager[] keyManagers;

    public TlsServerIdentity(PrivateKey privateKey, X509Certificate certificate) {
        this.privateKey = Objects.requireNonNull(privateKey, "privateKey");
        this.certificate = Objects.requireNonNull(certificate, "certificate");
    }

    /** A fresh RSA-2048 key and a certificate for {@code CN=commonName} valid from a day ago for a year. */
    public static TlsServerIdentity selfSigned(String commonName, Clock clock) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048, new SecureRandom());
            KeyPair keys = generator.generateKeyPair();
            Instant now = clock.instant();
            byte[] algorithm = Der.sequence(Der.oid(SHA256_WITH_RSA), Der.tlv(NULL, new byte[0]));
            byte[] name = Der.sequence(Der.tlv(SET, Der.sequence(Der.oid(COMMON_NAME),
                    Der.tlv(UTF8_STRING, commonName.getBytes(StandardCharsets.UTF_8)))));
            byte[] tbs = Der.sequence(
                    Der.tlv(Der.INTEGER, new BigInteger(64, new SecureRandom()).setBit(63).toByteArray()),
                    algorithm,
                    name,
                    Der.sequence(utcTime(now.minus(Duration.ofDays(1))), utcTime(now.plus(Duration.ofDays(365)))),
                    name,
                    keys.getPublic().getEncoded());
            Signature signer = Signature.getInstance("SHA256withRSA");
            signer.initSign(keys.getPrivate());
            signer.update(tbs);
            byte[] certificate = Der.sequence(tbs, algorithm, Der.bitString(signer.sign(), 0));
            X509Certificate parsed = (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(certificate));
            return new TlsServerIdentity(keys.getPrivate(), parsed);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK cannot make an RSA key and certificate", e);
        }
    }

    private static byte[] utcTime(Instant instant) {
        return Der.tlv(UTC_TIME, UTC_TIME_FORMAT.format(instant).getBytes(StandardCharsets.US_ASCII));
    }

    public PrivateKey privateKey() {
        return privateKey;
    }

    public X509Certificate certificate() {
        return certificate;
    }

    /**
     * Key managers serving this identity, for an {@link javax.net.ssl.SSLContext} (also usable for HTTPS). Made once:
     * loading the key store is slow and every TLS server session needs them.
     */
    public synchronized KeyManager[] keyManagers() {
        if (keyManagers == null) {
            keyManagers = loadKeyManagers();
        }
        return keyManagers.clone();
    }

    private KeyManager[] loadKeyManagers() {
        try {
            char[] storePassword = "in-memory".toCharArray();
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setKeyEntry("server", privateKey, storePassword, new X509Certificate[] {certificate});
            KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            factory.init(store, storePassword);
            return factory.getKeyManagers();
        } catch (GeneralSecurityException | java.io.IOException e) {
            throw new IllegalStateException("cannot load the TLS server key", e);
        }
    }

    @Override
    public String toString() {
        return "TlsServerIdentity[" + certificate.getSubjectX500Principal().getName() + "]";
    }
}
