package io.jenkins.plugins.winrmcredssp.protocol.wsman.server;

import io.jenkins.plugins.winrmcredssp.protocol.credssp.CredSspAcceptorContext;
import io.jenkins.plugins.winrmcredssp.protocol.credssp.TlsRecord;
import io.jenkins.plugins.winrmcredssp.protocol.wsman.EncryptedMessage;
import io.jenkins.plugins.winrmcredssp.protocol.wsman.SessionSealer;
import java.io.IOException;

/**
 * MS-WSMV §2.2.9.1.3 CredSSP message protection with the acceptor's TLS session: each part is one TLS record,
 * preceded on the wire by its trailer length.
 */
final class CredSspSealing implements SessionSealer {
    private final CredSspAcceptorContext context;

    CredSspSealing(CredSspAcceptorContext context) {
        this.context = context;
    }

    /** The framing: parts no larger than one record can carry (16384, or 16367 under TLS 1.3 with the JDK). */
    static EncryptedMessage framing(CredSspAcceptorContext context) {
        return new EncryptedMessage(new CredSspSealing(context), context.maxWrapLength());
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
