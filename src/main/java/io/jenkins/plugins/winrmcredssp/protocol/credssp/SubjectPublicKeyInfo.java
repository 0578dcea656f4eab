package io.jenkins.plugins.winrmcredssp.protocol.credssp;

import io.jenkins.plugins.winrmcredssp.protocol.codec.Der;
import io.jenkins.plugins.winrmcredssp.protocol.codec.DerValue;
import io.jenkins.plugins.winrmcredssp.protocol.codec.MalformedTokenException;
import java.security.cert.Certificate;
import java.security.cert.CertificateEncodingException;
import java.util.List;

/**
 * The public key CredSSP binds to (MS-CSSP §3.1.5): the contents of the subjectPublicKey BIT STRING of the
 * certificate's SubjectPublicKeyInfo (RFC 5280 §4.1), i.e. for RSA the DER RSAPublicKey, without the unused-bits octet.
 */
final class SubjectPublicKeyInfo {
    private static final String WHAT = "X.509 certificate";

    private SubjectPublicKeyInfo() {
    }

    static byte[] subjectPublicKey(Certificate certificate) throws MalformedTokenException {
        try {
            return subjectPublicKey(certificate.getEncoded());
        } catch (CertificateEncodingException e) {
            throw new MalformedTokenException(WHAT + ": cannot encode the server certificate", e);
        }
    }

    /**
     * TBSCertificate ::= SEQUENCE { version [0] EXPLICIT OPTIONAL, serialNumber, signature, issuer, validity, subject,
     * subjectPublicKeyInfo, ... } and SubjectPublicKeyInfo ::= SEQUENCE { algorithm, subjectPublicKey BIT STRING }.
     */
    static byte[] subjectPublicKey(byte[] certificateDer) throws MalformedTokenException {
        List<DerValue> certificate = DerValue.parse(certificateDer, WHAT).expect(Der.SEQUENCE, "Certificate").children();
        if (certificate.isEmpty()) {
            throw new MalformedTokenException(WHAT + ": empty Certificate");
        }
        List<DerValue> tbs = certificate.get(0).expect(Der.SEQUENCE, "tbsCertificate").children();
        int index = !tbs.isEmpty() && tbs.get(0).isContext(0) ? 6 : 5;
        if (tbs.size() <= index) {
            throw new MalformedTokenException(WHAT + ": tbsCertificate has no subjectPublicKeyInfo");
        }
        List<DerValue> spki = tbs.get(index).expect(Der.SEQUENCE, "subjectPublicKeyInfo").children();
        if (spki.size() != 2) {
            throw new MalformedTokenException(WHAT + ": subjectPublicKeyInfo must have 2 fields");
        }
        return spki.get(1).bitString("subjectPublicKey");
    }
}
