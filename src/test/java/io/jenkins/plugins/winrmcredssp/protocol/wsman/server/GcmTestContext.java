package io.jenkins.plugins.winrmcredssp.protocol.wsman.server;

import io.jenkins.plugins.winrmcredssp.protocol.ProtocolException;
import io.jenkins.plugins.winrmcredssp.protocol.auth.Mechanism;
import io.jenkins.plugins.winrmcredssp.protocol.auth.SecurityContext;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * A test-only two-leg security context, initiator or acceptor, so the service's connection handling and
 * MS-WSMV sealing can be tested without a real mechanism: leg 1 {@code HELLO} / {@code CHALLENGE}, leg 2
 * {@code PROOF:<secret>}. wrap = 16-byte GCM tag, then the ciphertext (the NTLM layout: signature first), with a
 * per-direction sequence number as nonce.
 */
final class GcmTestContext implements SecurityContext {
    static final byte[] HELLO = "HELLO".getBytes(StandardCharsets.US_ASCII);

    private final boolean acceptor;
    private final String secret;
    private final SecretKeySpec key = new SecretKeySpec(new byte[16], "AES");
    private boolean established;
    private long sendSeq;
    private long recvSeq;

    GcmTestContext(boolean acceptor, String secret) {
        this.acceptor = acceptor;
        this.secret = secret;
    }

    @Override
    public Mechanism mechanism() {
        return Mechanism.NTLM;
    }

    @Override
    public byte[] step(byte[] input) throws ProtocolException {
        if (!acceptor) {
            if (input == null) {
                return HELLO;
            }
            established = true;
            return ("PROOF:" + secret).getBytes(StandardCharsets.US_ASCII);
        }
        String token = new String(input, StandardCharsets.US_ASCII);
        if (token.equals("HELLO")) {
            return "CHALLENGE".getBytes(StandardCharsets.US_ASCII);
        }
        if (token.equals("PROOF:" + secret)) {
            established = true;
            return null;
        }
        throw new AuthenticationFailedException("test context: wrong proof");
    }

    @Override
    public boolean isEstablished() {
        return established;
    }

    @Override
    public byte[] wrap(byte[] message) throws ProtocolException {
        byte[] sealed = crypt(Cipher.ENCRYPT_MODE, acceptor, sendSeq++, message);
        int tag = 16;
        byte[] out = new byte[sealed.length];
        System.arraycopy(sealed, sealed.length - tag, out, 0, tag);
        System.arraycopy(sealed, 0, out, tag, sealed.length - tag);
        return out;
    }

    @Override
    public byte[] unwrap(byte[] token) throws ProtocolException {
        if (token.length < 16) {
            throw new ProtocolException("test context: token too short");
        }
        byte[] sealed = new byte[token.length];
        System.arraycopy(token, 16, sealed, 0, token.length - 16);
        System.arraycopy(token, 0, sealed, token.length - 16, 16);
        return crypt(Cipher.DECRYPT_MODE, !acceptor, recvSeq++, sealed);
    }

    private byte[] crypt(int mode, boolean fromAcceptor, long seq, byte[] data) throws ProtocolException {
        try {
            byte[] nonce = ByteBuffer.allocate(12).put((byte) (fromAcceptor ? 1 : 0)).putLong(4, seq).array();
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(mode, key, new GCMParameterSpec(128, nonce));
            return cipher.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new ProtocolException("test context: integrity check failed", e);
        }
    }

    @Override
    public byte[] getMic(byte[] message) {
        throw new UnsupportedOperationException();
    }

    @Override
    public void verifyMic(byte[] message, byte[] mic) {
        throw new UnsupportedOperationException();
    }

    @Override
    public String peerName() {
        return established ? "TEST\\alice" : null;
    }

    @Override
    public void close() {
        Arrays.fill(new byte[0], (byte) 0);
    }
}
