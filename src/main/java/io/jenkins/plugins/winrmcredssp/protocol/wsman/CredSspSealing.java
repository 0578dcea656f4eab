package io.jenkins.plugins.winrmcredssp.protocol.wsman;

import io.jenkins.plugins.winrmcredssp.protocol.credssp.CredSspContext;
import io.jenkins.plugins.winrmcredssp.protocol.credssp.TlsRecord;
import java.io.IOException;

/**
 * MS-WSMV §2.2.9.1.3 CredSSP message protection with the TLS session of a completed CredSSP exchange, client or
 * acceptor: each part is one TLS record, preceded on the wire by its trailer length.
 */
public final class CredSspSealing implements SessionSealer {
    private final CredSspContext context;

    public CredSspSealing(CredSspContext context) {
        this.context = context;
    }

    /** The framing: parts no larger than one record can carry (16384, or 16367 under TLS 1.3 with the JDK). */
    public static EncryptedMessage framing(CredSspContext context) {
        return EncryptedMessage.credSsp(new CredSspSealing(context), context.maxWrapLength());
    }

    @Override
    public String protocol() {
        return EncryptedMessage.CREDSSP_PROTOCOL;
    }

    @Override
    public Sealed wrap(byte[] plaintext) throws IOException {
        TlsRecord record = context.wrap(plaintext);
        return new Sealed(record.trailerLength(), record.bytes());
    }

    @Override
    public byte[] unwrap(Sealed sealed) throws IOException {
        return context.unwrap(sealed.data());
    }
}
