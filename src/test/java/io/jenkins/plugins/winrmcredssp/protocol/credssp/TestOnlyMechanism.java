package io.jenkins.plugins.winrmcredssp.protocol.credssp;

import io.jenkins.plugins.winrmcredssp.protocol.ProtocolException;
import io.jenkins.plugins.winrmcredssp.protocol.auth.Mechanism;
import io.jenkins.plugins.winrmcredssp.protocol.auth.SecurityContext;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Random;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * A small challenge-response mechanism standing in for NTLM in CredSSP tests: three tokens (hello, challenge, proof
 * = HMAC of the challenge under the password), then AES-GCM wrap with one key and sequence number per direction, so a
 * reflected or replayed message fails like it would with NTLM sealing.
 */
final class TestOnlyMechanism implements SecurityContext {
    private final boolean initiator;
    private final char[] password;
    private final Random random;
    private byte[] challenge;
    private byte[] sessionKey;
    private long sendSequence;
    private long receiveSequence;
    private boolean established;

    private TestOnlyMechanism(boolean initiator, char[] password, long seed) {
        this.initiator = initiator;
        this.password = password.clone();
        this.random = new Random(seed);
    }

    static TestOnlyMechanism initiator(char[] password) {
        return new TestOnlyMechanism(true, password, 0);
    }

    static TestOnlyMechanism acceptor(char[] password) {
        return new TestOnlyMechanism(false, password, 7);
    }

    @Override
    public Mechanism mechanism() {
        return Mechanism.NTLM;
    }

    @Override
    public byte[] step(byte[] input) throws ProtocolException {
        if (initiator) {
            if (input == null) {
                return "HELLO".getBytes(StandardCharsets.US_ASCII);
            }
            if (input.length != 21 || !new String(input, 0, 5, StandardCharsets.US_ASCII).equals("CHALL")) {
                throw new ProtocolException("test mechanism: bad challenge");
            }
            challenge = Arrays.copyOfRange(input, 5, 21);
            established = true;
            sessionKey = hmac(challenge, "session");
            return concat("PROOF".getBytes(StandardCharsets.US_ASCII), hmac(challenge, "proof"));
        }
        if (challenge == null) {
            if (!Arrays.equals(input, "HELLO".getBytes(StandardCharsets.US_ASCII))) {
                throw new ProtocolException("test mechanism: bad hello");
            }
            challenge = new byte[16];
            random.nextBytes(challenge);
            return concat("CHALL".getBytes(StandardCharsets.US_ASCII), challenge);
        }
        byte[] expected = concat("PROOF".getBytes(StandardCharsets.US_ASCII), hmac(challenge, "proof"));
        if (!MessageDigest.isEqual(expected, input)) {
            throw new ProtocolException("test mechanism: wrong password");
        }
        established = true;
        sessionKey = hmac(challenge, "session");
        return null;
    }

    @Override
    public boolean isEstablished() {
        return established;
    }

    @Override
    public byte[] wrap(byte[] message) throws ProtocolException {
        long sequence = sendSequence++;
        byte[] sealed = gcm(Cipher.ENCRYPT_MODE, initiator ? "c2s" : "s2c", sequence, message);
        return concat(ByteBuffer.allocate(8).putLong(sequence).array(), sealed);
    }

    @Override
    public byte[] unwrap(byte[] token) throws ProtocolException {
        if (token.length < 24) {
            throw new ProtocolException("test mechanism: short wrap token");
        }
        long sequence = ByteBuffer.wrap(token).getLong();
        if (sequence != receiveSequence) {
            throw new ProtocolException("test mechanism: sequence " + sequence + ", expected " + receiveSequence);
        }
        receiveSequence++;
        return gcm(Cipher.DECRYPT_MODE, initiator ? "s2c" : "c2s", sequence, Arrays.copyOfRange(token, 8, token.length));
    }

    @Override
    public byte[] getMic(byte[] message) {
        return hmacWith(sessionKey, message);
    }

    @Override
    public void verifyMic(byte[] message, byte[] mic) throws ProtocolException {
        if (!MessageDigest.isEqual(hmacWith(sessionKey, message), mic)) {
            throw new ProtocolException("test mechanism: MIC mismatch");
        }
    }

    @Override
    public void close() {
        Arrays.fill(password, '\0');
    }

    private byte[] gcm(int mode, String direction, long sequence, byte[] data) throws ProtocolException {
        if (!established) {
            throw new ProtocolException("test mechanism: not established");
        }
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            byte[] key = Arrays.copyOf(hmacWith(sessionKey, direction.getBytes(StandardCharsets.US_ASCII)), 16);
            cipher.init(mode, new SecretKeySpec(key, "AES"),
                    new GCMParameterSpec(128, ByteBuffer.allocate(12).putLong(4, sequence).array()));
            return cipher.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new ProtocolException("test mechanism: integrity check failed", e);
        }
    }

    private byte[] hmac(byte[] data, String label) {
        byte[] key = new byte[password.length * 2];
        for (int i = 0; i < password.length; i++) {
            key[2 * i] = (byte) password[i];
            key[2 * i + 1] = (byte) (password[i] >>> 8);
        }
        return hmacWith(key.length == 0 ? new byte[1] : key, concat(data, label.getBytes(StandardCharsets.US_ASCII)));
    }

    private static byte[] hmacWith(byte[] key, byte[] data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
