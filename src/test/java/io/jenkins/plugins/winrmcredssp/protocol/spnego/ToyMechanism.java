package io.jenkins.plugins.winrmcredssp.protocol.spnego;

import io.jenkins.plugins.winrmcredssp.protocol.ProtocolException;
import io.jenkins.plugins.winrmcredssp.protocol.auth.Mechanism;
import io.jenkins.plugins.winrmcredssp.protocol.auth.SecurityContext;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A test-only mechanism with the shapes SPNEGO must drive: Kerberos-like (two legs, the initiator completes on the
 * acceptor's reply) or NTLM-like (three legs, the initiator completes when it sends its last token). Both sides derive
 * keys from a shared secret. Like NTLM's RC4, every MIC/wrap advances a per-direction key stream that
 * {@link #resetCryptoState()} rewinds while sequence numbers go on, so a side that skips or misplaces the reset cannot
 * talk to the other afterwards.
 */
final class ToyMechanism implements SecurityContext {
    enum Shape { KERBEROS_LIKE, NTLM_LIKE }

    private final Mechanism mechanism;
    private final Shape shape;
    private final boolean initiator;
    private final byte[] key;
    private int leg;
    private boolean established;
    private int sendSequence;
    private int receiveSequence;
    private int sendStream;
    private int receiveStream;
    int resets;
    boolean closed;

    private ToyMechanism(Mechanism mechanism, Shape shape, boolean initiator, String secret) {
        this.mechanism = mechanism;
        this.shape = shape;
        this.initiator = initiator;
        this.key = sha256(secret.getBytes(StandardCharsets.UTF_8));
    }

    static ToyMechanism initiator(Mechanism mechanism, Shape shape, String secret) {
        return new ToyMechanism(mechanism, shape, true, secret);
    }

    static ToyMechanism acceptor(Mechanism mechanism, Shape shape, String secret) {
        return new ToyMechanism(mechanism, shape, false, secret);
    }

    @Override
    public Mechanism mechanism() {
        return mechanism;
    }

    @Override
    public byte[] step(byte[] input) throws ProtocolException {
        if (established) {
            throw new ProtocolException("toy " + mechanism + ": already established");
        }
        leg++;
        if (initiator) {
            if (leg == 1) {
                require(input == null, "first initiator step takes no input");
                return token("T1", mechanism.oid());
            }
            if (shape == Shape.KERBEROS_LIKE) {
                expect(input, "T2", proof("acceptor"));
                established = true;
                return null;
            }
            expect(input, "T2", "challenge");
            established = true;
            return token("T3", proof("initiator"));
        }
        if (leg == 1) {
            expect(input, "T1", mechanism.oid());
            if (shape == Shape.KERBEROS_LIKE) {
                established = true;
                return token("T2", proof("acceptor"));
            }
            return token("T2", "challenge");
        }
        expect(input, "T3", proof("initiator"));
        established = true;
        return null;
    }

    private static byte[] token(String kind, String body) {
        return (kind + "|" + body).getBytes(StandardCharsets.UTF_8);
    }

    private String proof(String role) {
        return java.util.HexFormat.of().formatHex(hmac(key, role.getBytes(StandardCharsets.UTF_8)));
    }

    private void expect(byte[] input, String kind, String body) throws ProtocolException {
        require(input != null, "missing token");
        if (!Arrays.equals(input, token(kind, body))) {
            throw new ProtocolException("toy " + mechanism.displayName() + ": unexpected token at leg " + leg
                    + " (wrong mechanism or wrong secret)");
        }
    }

    private void require(boolean condition, String what) throws ProtocolException {
        if (!condition) {
            throw new ProtocolException("toy " + mechanism.displayName() + ": " + what);
        }
    }

    @Override
    public boolean isEstablished() {
        return established;
    }

    private byte[] direction(boolean sending) {
        return new byte[] {(byte) (sending == initiator ? 'C' : 'S')};
    }

    private byte[] signature(boolean sending, int sequence, int stream, byte[] message) {
        byte[] mac = hmac(key, ByteBuffer.allocate(9 + message.length).put(direction(sending)).putInt(sequence)
                .putInt(stream).put(message).array());
        return ByteBuffer.allocate(20).putInt(sequence).put(mac, 0, 16).array();
    }

    @Override
    public byte[] getMic(byte[] message) {
        requireEstablished();
        return signature(true, sendSequence++, sendStream++, message);
    }

    @Override
    public void verifyMic(byte[] message, byte[] mic) throws ProtocolException {
        requireEstablished();
        if (!MessageDigest.isEqual(signature(false, receiveSequence, receiveStream, message), mic)) {
            throw new ProtocolException("toy " + mechanism.displayName() + ": MIC check failed");
        }
        receiveSequence++;
        receiveStream++;
    }

    @Override
    public byte[] wrap(byte[] message) {
        byte[] sealed = xor(message, hmac(key, direction(true)));
        return concat(getMic(message), sealed);
    }

    @Override
    public byte[] unwrap(byte[] token) throws ProtocolException {
        if (token.length < 20) {
            throw new ProtocolException("toy: short wrap token");
        }
        byte[] message = xor(Arrays.copyOfRange(token, 20, token.length), hmac(key, direction(false)));
        verifyMic(message, Arrays.copyOf(token, 20));
        return message;
    }

    @Override
    public void resetCryptoState() {
        resets++;
        sendStream = 0;
        receiveStream = 0;
    }

    @Override
    public String peerName() {
        return initiator ? "toy-target" : "toy-user";
    }

    @Override
    public void close() {
        closed = true;
    }

    private void requireEstablished() {
        if (!established) {
            throw new IllegalStateException("toy context not established");
        }
    }

    private static byte[] xor(byte[] data, byte[] pad) {
        byte[] out = new byte[data.length];
        for (int i = 0; i < data.length; i++) {
            out[i] = (byte) (data[i] ^ pad[i % pad.length]);
        }
        return out;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    private static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] hmac(byte[] key, byte[] data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
