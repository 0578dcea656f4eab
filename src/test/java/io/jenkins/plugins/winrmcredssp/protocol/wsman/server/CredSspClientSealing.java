package io.jenkins.plugins.winrmcredssp.protocol.wsman.server;

import io.jenkins.plugins.winrmcredssp.protocol.ProtocolException;
import io.jenkins.plugins.winrmcredssp.protocol.codec.LittleEndianWriter;
import io.jenkins.plugins.winrmcredssp.protocol.credssp.CredSspClientContext;
import io.jenkins.plugins.winrmcredssp.protocol.credssp.TlsRecord;
import java.util.Arrays;

/** The client side of MS-WSMV §2.2.9.1.3, for tests: trailer length then the TLS record. */
final class CredSspClientSealing implements MessageSealing {
    private final CredSspClientContext context;

    CredSspClientSealing(CredSspClientContext context) {
        this.context = context;
    }

    @Override
    public String protocol() {
        return CredSspSealing.CREDSSP_PROTOCOL;
    }

    @Override
    public int maxPlaintextPerPart() {
        return context.maxWrapLength();
    }

    @Override
    public byte[] seal(byte[] plaintext) throws ProtocolException {
        TlsRecord record = context.wrap(plaintext);
        return new LittleEndianWriter().writeInt32(record.trailerLength()).writeBytes(record.bytes()).toByteArray();
    }

    @Override
    public byte[] unseal(byte[] payload) throws ProtocolException {
        return context.unwrap(Arrays.copyOfRange(payload, 4, payload.length));
    }
}
