package io.jenkins.plugins.winrmcredssp.protocol.credssp;

import io.jenkins.plugins.winrmcredssp.protocol.codec.Der;
import java.util.Arrays;

/**
 * DER assembly for structures that hold secrets (TSPasswordCreds, TSCredentials): every buffer is exactly sized, and
 * the parts handed in are wiped once copied, so no copy of a password outlives the encoding.
 */
final class SecretDer {
    private SecretDer() {
    }

    /** One element of the given tag whose contents are the concatenated parts; the parts are wiped. */
    static byte[] tlv(int tag, byte[]... parts) {
        int length = 0;
        for (byte[] part : parts) {
            length += part.length;
        }
        byte[] header = Der.header(tag, length);
        byte[] out = Arrays.copyOf(header, header.length + length);
        int position = header.length;
        for (byte[] part : parts) {
            System.arraycopy(part, 0, out, position, part.length);
            position += part.length;
            Arrays.fill(part, (byte) 0);
        }
        return out;
    }

    static byte[] utf16le(char[] text) {
        byte[] out = new byte[text.length * 2];
        for (int i = 0; i < text.length; i++) {
            out[2 * i] = (byte) text[i];
            out[2 * i + 1] = (byte) (text[i] >>> 8);
        }
        return out;
    }

    static char[] utf16leChars(byte[] bytes) {
        char[] out = new char[bytes.length / 2];
        for (int i = 0; i < out.length; i++) {
            out[i] = (char) ((bytes[2 * i] & 0xFF) | (bytes[2 * i + 1] & 0xFF) << 8);
        }
        return out;
    }
}
