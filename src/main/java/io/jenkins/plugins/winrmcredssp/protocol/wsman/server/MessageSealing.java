package io.jenkins.plugins.winrmcredssp.protocol.wsman.server;

import io.jenkins.plugins.winrmcredssp.protocol.ProtocolException;

/**
 * The per-message protection behind MS-WSMV §2.2.9.1 encrypted bodies: produces and consumes the
 * {@code application/octet-stream} part of one encrypted MIME part pair (length prefix included). Implemented by
 * the GSS-API flavour ({@link SecurityContextSealing}, §2.2.9.1.1/§2.2.9.1.2) and later by CredSSP's TLS session
 * (§2.2.9.1.3).
 */
public interface MessageSealing {

    /** The {@code protocol} parameter, e.g. {@code application/HTTP-SPNEGO-session-encrypted}. */
    String protocol();

    /**
     * The largest plaintext one part may carry; longer messages are split into {@code multipart/x-multi-encrypted}
     * parts (CredSSP: 16384). {@link Integer#MAX_VALUE} when the flavour does not split.
     */
    default int maxPlaintextPerPart() {
        return Integer.MAX_VALUE;
    }

    /** Encrypts one part's plaintext into its octet-stream payload (4-byte little-endian length prefix first). */
    byte[] seal(byte[] plaintext) throws ProtocolException;

    /** Verifies and decrypts one part's octet-stream payload. */
    byte[] unseal(byte[] payload) throws ProtocolException;
}
