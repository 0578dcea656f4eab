package io.jenkins.plugins.winrmcredssp.protocol.wsman.server;

import io.jenkins.plugins.winrmcredssp.protocol.ProtocolException;
import io.jenkins.plugins.winrmcredssp.protocol.auth.SecurityContext;
import io.jenkins.plugins.winrmcredssp.protocol.wsman.EncryptedMessage;
import io.jenkins.plugins.winrmcredssp.protocol.wsman.SessionSealer;
import java.io.IOException;

/**
 * MS-WSMV §2.2.9.1.1 (SPNEGO/NTLM) message protection with an established GSS-API context: the wire carries the
 * signature length, the signature, then the sealed message. The signature is the part of the wrap token that is not
 * the sealed plaintext (NTLM: the 16-byte NTLMSSP_MESSAGE_SIGNATURE, MS-NLMP §2.2.2.9).
 */
public final class SecurityContextSealing implements SessionSealer {
    private final SecurityContext context;

    public SecurityContextSealing(SecurityContext context) {
        if (!context.isEstablished()) {
            throw new IllegalStateException("message encryption needs an established security context");
        }
        this.context = context;
    }

    @Override
    public String protocol() {
        return EncryptedMessage.SPNEGO_PROTOCOL;
    }

    @Override
    public Sealed wrap(byte[] plaintext) throws IOException {
        byte[] token = context.wrap(plaintext);
        int signatureLength = token.length - plaintext.length;
        if (signatureLength < 0) {
            throw new ProtocolException("wrap token shorter than the message: the context did not seal it");
        }
        return new Sealed(signatureLength, token);
    }

    @Override
    public byte[] unwrap(Sealed sealed) throws IOException {
        return context.unwrap(sealed.data());
    }
}
