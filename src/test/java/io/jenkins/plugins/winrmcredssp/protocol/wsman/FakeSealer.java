package io.jenkins.plugins.winrmcredssp.protocol.wsman;

import io.jenkins.plugins.winrmcredssp.protocol.ProtocolException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A deterministic stand-in for a real session (never secure): "seals" by XOR with 0x5A and authenticates with the
 * first 16 bytes of SHA-256 of the plaintext.
 * <ul>
 *   <li>CredSSP shape: a TLS 1.2 AES-GCM-like record {@code 17 03 03 len | 8-byte explicit nonce | data | 16-byte tag},
 *   trailer length 16;</li>
 *   <li>SPNEGO shape: {@code 16-byte signature | data}, signature length 16.</li>
 * </ul>
 * tests/resources/.../pywinrm_framing.py implements the same for pywinrm.
 */
final class FakeSealer implements SessionSealer {
    private final boolean credSsp;
    final List<Integer> wrappedLengths = new ArrayList<>();

    private FakeSealer(boolean credSsp) {
        this.credSsp = credSsp;
    }

    static FakeSealer credSsp() {
        return new FakeSealer(true);
    }

    static FakeSealer spnego() {
        return new FakeSealer(false);
    }

    @Override
    public String protocol() {
        return credSsp ? EncryptedMessage.CREDSSP_PROTOCOL : EncryptedMessage.SPNEGO_PROTOCOL;
    }

    @Override
    public Sealed wrap(byte[] plaintext) {
        wrappedLengths.add(plaintext.length);
        byte[] tag = tag(plaintext);
        byte[] cipher = xor(plaintext);
        if (!credSsp) {
            byte[] data = new byte[16 + cipher.length];
            System.arraycopy(tag, 0, data, 0, 16);
            System.arraycopy(cipher, 0, data, 16, cipher.length);
            return new Sealed(16, data);
        }
        int recordLength = 8 + cipher.length + 16;
        byte[] record = new byte[5 + recordLength];
        record[0] = 0x17;
        record[1] = 0x03;
        record[2] = 0x03;
        record[3] = (byte) (recordLength >>> 8);
        record[4] = (byte) recordLength;
        System.arraycopy(cipher, 0, record, 13, cipher.length);
        System.arraycopy(tag, 0, record, 13 + cipher.length, 16);
        return new Sealed(16, record);
    }

    @Override
    public byte[] unwrap(Sealed sealed) throws ProtocolException {
        byte[] data = sealed.data();
        byte[] plaintext;
        byte[] tag;
        if (credSsp) {
            if (data.length < 29 || data[0] != 0x17 || ((data[3] & 0xFF) << 8 | data[4] & 0xFF) != data.length - 5) {
                throw new ProtocolException("fake TLS record is malformed");
            }
            plaintext = xor(Arrays.copyOfRange(data, 13, data.length - 16));
            tag = Arrays.copyOfRange(data, data.length - 16, data.length);
        } else {
            if (sealed.trailerLength() != 16) {
                throw new ProtocolException("signature length " + sealed.trailerLength() + ", expected 16");
            }
            tag = Arrays.copyOfRange(data, 0, 16);
            plaintext = xor(Arrays.copyOfRange(data, 16, data.length));
        }
        if (!MessageDigest.isEqual(tag, tag(plaintext))) {
            throw new ProtocolException("fake integrity check failed");
        }
        return plaintext;
    }

    private static byte[] xor(byte[] in) {
        byte[] out = new byte[in.length];
        for (int i = 0; i < in.length; i++) {
            out[i] = (byte) (in[i] ^ 0x5A);
        }
        return out;
    }

    private static byte[] tag(byte[] plaintext) {
        try {
            return Arrays.copyOf(MessageDigest.getInstance("SHA-256").digest(plaintext), 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
