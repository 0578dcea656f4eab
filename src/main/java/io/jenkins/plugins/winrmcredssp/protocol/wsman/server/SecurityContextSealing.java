package io.jenkins.plugins.winrmcredssp.protocol.wsman.server;

import io.jenkins.plugins.winrmcredssp.protocol.ProtocolException;
import io.jenkins.plugins.winrmcredssp.protocol.auth.SecurityContext;
import io.jenkins.plugins.winrmcredssp.protocol.codec.LittleEndianReader;
import io.jenkins.plugins.winrmcredssp.protocol.codec.LittleEndianWriter;
import io.jenkins.plugins.winrmcredssp.protocol.codec.MalformedTokenException;

/**
 * MS-WSMV §2.2.9.1.1 (SPNEGO/NTLM) message encryption with an established GSS-API context: the payload is the
 * 4-byte little-endian signature length, the signature, then the sealed message. The signature is the part of the
 * wrap token that is not the sealed plaintext (NTLM: the 16-byte NTLMSSP_MESSAGE_SIGNATURE, MS-NLMP §2.2.2.9).
 */
public final class SecurityContextSealing implements MessageSealing {
    public static final String SPNEGO_PROTOCOL = "application/HTTP-SPNEGO-session-encrypted";

    private final SecurityContext context;

    public SecurityContextSealing(SecurityContext context) {
        if (!context.isEstablished()) {
            throw new IllegalStateException("message encryption needs an established security context");
        }
        this.context = context;
    }

    @Override
    public String protocol() {
        return SPNEGO_PROTOCOL;
    }

    @Override
    public byte[] seal(byte[] plaintext) throws ProtocolException {
        byte[] token = context.wrap(plaintext);
        int signatureLength = token.length - plaintext.length;
        if (signatureLength < 0) {
            throw new ProtocolException("wrap token shorter than the message: the context did not seal it");
        }
        return new LittleEndianWriter(4 + token.length).writeInt32(signatureLength).writeBytes(token).toByteArray();
    }

    @Override
    public byte[] unseal(byte[] payload) throws ProtocolException {
        LittleEndianReader reader = new LittleEndianReader(payload, "encrypted message part");
        int signatureLength = reader.readInt32("signature length");
        if (signatureLength < 0 || signatureLength > reader.remaining()) {
            throw new MalformedTokenException("encrypted message part: signature length " + signatureLength
                    + " out of range (" + reader.remaining() + " bytes follow)");
        }
        return context.unwrap(reader.readBytes(reader.remaining(), "signature and sealed message"));
    }
}
