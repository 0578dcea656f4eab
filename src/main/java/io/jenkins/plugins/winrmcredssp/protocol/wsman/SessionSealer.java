package io.jenkins.plugins.winrmcredssp.protocol.wsman;

import java.io.IOException;
import java.util.Objects;

/**
 * The security context that seals WS-Management bodies on HTTP ([MS-WSMV] 2.2.9.1). {@link EncryptedMessage} does the
 * MIME framing around it; the flavours differ only in what they put after the 4-byte length:
 * <ul>
 *   <li>CredSSP ([MS-WSMV] 2.2.9.1.3, protocol {@value EncryptedMessage#CREDSSP_PROTOCOL}): the TLS record(s) of the
 *   plaintext, preceded by the TLS <em>trailer length</em> (record length − 5-byte header − explicit nonce/IV −
 *   plaintext length: 16 for TLS 1.2 AES-GCM, 17 for TLS 1.3);</li>
 *   <li>SPNEGO/NTLM/Kerberos ([MS-WSMV] 2.2.9.1.1, protocol {@value EncryptedMessage#SPNEGO_PROTOCOL}): the signature
 *   followed by the sealed bytes, preceded by the signature length (16 for NTLM).</li>
 * </ul>
 * Calls are made in message order: sealing is stateful (sequence numbers).
 */
public interface SessionSealer {

    /**
     * One sealed part as carried on the wire.
     *
     * @param trailerLength the little-endian 32-bit value before {@code data}: the TLS trailer length (CredSSP) or the
     *                      signature length (SPNEGO)
     * @param data          the sealed bytes that follow it
     */
    record Sealed(int trailerLength, byte[] data) {
        public Sealed {
            Objects.requireNonNull(data, "data");
            if (trailerLength < 0 || trailerLength > data.length) {
                throw new IllegalArgumentException("trailer length " + trailerLength + " outside the " + data.length
                        + "-byte sealed data");
            }
        }
    }

    /** The MIME protocol naming this flavour, e.g. {@value EncryptedMessage#CREDSSP_PROTOCOL}. */
    String protocol();

    /** Seals one plaintext part (for CredSSP at most 16384 bytes: one TLS record). */
    Sealed wrap(byte[] plaintext) throws IOException;

    /** Opens one sealed part; fails (typed, from the mechanism) when integrity checks fail. */
    byte[] unwrap(Sealed sealed) throws IOException;
}
