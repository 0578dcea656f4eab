package io.jenkins.plugins.winrmcredssp.protocol.credssp;

/**
 * One TLS record carrying one protected message, with the length of what follows the plaintext in it: MS-WSMV
 * §2.2.9.1's encrypted-message framing needs it. Trailer length = record length − 5 (header) − explicit nonce/IV −
 * plaintext length: 16 for TLS 1.2 AES-GCM; for TLS 1.3 17 (inner content type and tag) plus the record padding, which
 * the JDK always sets to 16 zero bytes, so 33 for records this side writes; MAC and padding for CBC.
 *
 * @param bytes         the whole record, header included
 * @param trailerLength the record's trailer length
 */
public record TlsRecord(byte[] bytes, int trailerLength) {
    public TlsRecord {
        bytes = bytes.clone();
    }

    @Override
    public byte[] bytes() {
        return bytes.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof TlsRecord r && r.trailerLength == trailerLength && java.util.Arrays.equals(r.bytes, bytes);
    }

    @Override
    public int hashCode() {
        return java.util.Arrays.hashCode(bytes) * 31 + trailerLength;
    }

    @Override
    public String toString() {
        return "TlsRecord[" + bytes.length + " bytes, trailer " + trailerLength + "]";
    }
}
