package io.jenkins.plugins.winrmcredssp.protocol.wsman.server;

import io.jenkins.plugins.winrmcredssp.protocol.credssp.CredSspClientContext;
import io.jenkins.plugins.winrmcredssp.protocol.credssp.TlsRecord;
import io.jenkins.plugins.winrmcredssp.protocol.wsman.EncryptedMessage;
import io.jenkins.plugins.winrmcredssp.protocol.wsman.SessionSealer;
import java.io.IOException;

/** The client side of MS-WSMV §2.2.9.1.3, for tests: one TLS record per part. */
final class CredSspClientSealing implements SessionSealer {
    private final CredSspClientContext context;

    CredSspClientSealing(CredSspClientContext context) {
        this.context = context;
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
