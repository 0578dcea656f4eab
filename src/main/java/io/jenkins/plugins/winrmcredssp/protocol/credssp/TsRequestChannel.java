package io.jenkins.plugins.winrmcredssp.protocol.credssp;

import io.jenkins.plugins.winrmcredssp.protocol.codec.MalformedTokenException;
import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import javax.net.ssl.SSLException;

/** TSRequests carried as TLS application data (MS-CSSP §3.1.5), shared by the initiator and the acceptor. */
final class TsRequestChannel {
    private final TlsChannel tls;
    private final TsRequestReader reader = new TsRequestReader();

    TsRequestChannel(TlsChannel tls) {
        this.tls = tls;
    }

    TlsChannel tls() {
        return tls;
    }

    /** TLS records carrying the request (several when it exceeds one record). */
    byte[] send(TsRequest request) throws SSLException {
        byte[] encoded = request.encode();
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream(encoded.length + 64);
            int max = tls.maxWrapLength();
            for (int from = 0; from < encoded.length; from += max) {
                byte[] chunk = Arrays.copyOfRange(encoded, from, Math.min(encoded.length, from + max));
                out.writeBytes(tls.wrap(chunk).bytes());
                Arrays.fill(chunk, (byte) 0);
            }
            return out.toByteArray();
        } finally {
            Arrays.fill(encoded, (byte) 0);
        }
    }

    /** Feeds TLS bytes; the next complete TSRequest, or null while more bytes are needed. */
    TsRequest receive(byte[] input) throws SSLException, MalformedTokenException {
        reader.append(tls.unwrap(input));
        return reader.next();
    }

    /** Whether the peer closed the TLS session and nothing more can arrive. */
    boolean isClosedByPeer() {
        return tls.isClosedByPeer();
    }

    /** The largest application message one record carries; the handshake must be complete. */
    int maxWrapLength() {
        try {
            return tls.maxWrapLength();
        } catch (SSLException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    /** One application message in exactly one TLS record (after the exchange, MS-WSMV §2.2.9.1). */
    TlsRecord wrapMessage(byte[] plaintext, int round) throws CredSspException {
        try {
            return tls.wrap(plaintext);
        } catch (SSLException e) {
            throw new CredSspException(CredSspStage.DONE, round, "cannot encrypt a message: " + e.getMessage(), e);
        }
    }

    /** Decrypts whole records; a trailing partial record is malformed here (HTTP bodies carry whole records). */
    byte[] unwrapMessage(byte[] records, int round) throws CredSspException {
        try {
            byte[] plaintext = tls.unwrap(records);
            if (tls.pendingInput() > 0) {
                throw new MalformedTokenException("CredSSP encrypted message: " + tls.pendingInput()
                        + " bytes of an incomplete TLS record at the end");
            }
            if (tls.isClosedByPeer()) {
                throw new SSLException("the peer closed the CredSSP TLS session");
            }
            return plaintext;
        } catch (SSLException | MalformedTokenException e) {
            throw new CredSspException(CredSspStage.DONE, round, "cannot decrypt a message: " + e.getMessage(), e);
        }
    }
}
