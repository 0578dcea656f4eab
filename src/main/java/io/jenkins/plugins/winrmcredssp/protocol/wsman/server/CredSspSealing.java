package io.jenkins.plugins.winrmcredssp.protocol.wsman.server;

import io.jenkins.plugins.winrmcredssp.protocol.ProtocolException;
import io.jenkins.plugins.winrmcredssp.protocol.codec.LittleEndianReader;
import io.jenkins.plugins.winrmcredssp.protocol.codec.LittleEndianWriter;
import io.jenkins.plugins.winrmcredssp.protocol.credssp.CredSspAcceptorContext;
import io.jenkins.plugins.winrmcredssp.protocol.credssp.TlsRecord;

/**
 * MS-WSMV §2.2.9.1.3 CredSSP message encryption with the CredSSP TLS session: each part's payload is the 4-byte
 * little-endian trailer length, then the TLS record(s) of the plaintext; parts carry at most one record's worth.
 */
final class CredSspSealing implements MessageSealing {
    static final String CREDSSP_PROTOCOL = "application/HTTP-CredSSP-session-encrypted";

    private final CredSspAcceptorContext context;

    CredSspSealing(CredSspAcceptorContext context) {
        this.context = context;
    }

    @Override
    public String protocol() {
        return CREDSSP_PROTOCOL;
    }

    @Override
    public int maxPlaintextPerPart() {
        return context.maxWrapLength();
    }

    @Override
    public byte[] seal(byte[] plaintext) throws ProtocolException {
        TlsRecord record = context.wrap(plaintext);
        byte[] bytes = record.bytes();
        return new LittleEndianWriter(4 + bytes.length).writeInt32(record.trailerLength()).writeBytes(bytes).toByteArray();
    }

    @Override
    public byte[] unseal(byte[] payload) throws ProtocolException {
        LittleEndianReader reader = new LittleEndianReader(payload, "CredSSP encrypted message part");
        reader.readInt32("trailer length"); // the records carry their own lengths
        return context.unwrap(reader.readBytes(reader.remaining(), "TLS records"));
    }
}
