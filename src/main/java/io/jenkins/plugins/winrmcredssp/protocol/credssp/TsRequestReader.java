package io.jenkins.plugins.winrmcredssp.protocol.credssp;

import io.jenkins.plugins.winrmcredssp.protocol.codec.MalformedTokenException;
import java.util.Arrays;

/**
 * Reassembles TSRequests from TLS plaintext that may arrive in pieces: reads the outer DER header to learn the length,
 * waits for the rest, then decodes (MS-CSSP §2.2.1). Bounded: a TSRequest above {@link #MAX_LENGTH} is malformed.
 */
final class TsRequestReader {
    static final int MAX_LENGTH = 1 << 20;
    private static final int SEQUENCE = 0x30;

    private byte[] buffer = new byte[0];
    private int length;

    void append(byte[] plaintext) {
        if (plaintext.length == 0) {
            return;
        }
        if (length + plaintext.length > buffer.length) {
            buffer = Arrays.copyOf(buffer, Math.max(length + plaintext.length, buffer.length * 2));
        }
        System.arraycopy(plaintext, 0, buffer, length, plaintext.length);
        length += plaintext.length;
        Arrays.fill(plaintext, (byte) 0);
    }

    boolean isEmpty() {
        return length == 0;
    }

    /** The next complete TSRequest, or null while more bytes are needed. */
    TsRequest next() throws MalformedTokenException {
        int total = completeLength();
        if (total < 0) {
            return null;
        }
        byte[] encoded = Arrays.copyOf(buffer, total);
        System.arraycopy(buffer, total, buffer, 0, length - total);
        Arrays.fill(buffer, length - total, length, (byte) 0);
        length -= total;
        try {
            return TsRequest.decode(encoded);
        } finally {
            Arrays.fill(encoded, (byte) 0);
        }
    }

    /** Header plus contents length of the buffered element, or -1 when its header or contents are incomplete. */
    private int completeLength() throws MalformedTokenException {
        if (length < 2) {
            return -1;
        }
        if ((buffer[0] & 0xFF) != SEQUENCE) {
            throw new MalformedTokenException("CredSSP TSRequest: TLS plaintext does not start with a DER SEQUENCE (0x"
                    + Integer.toHexString(buffer[0] & 0xFF) + ")");
        }
        int first = buffer[1] & 0xFF;
        long contents;
        int header;
        if (first < 0x80) {
            contents = first;
            header = 2;
        } else {
            int count = first & 0x7F;
            if (count == 0 || count > 4) {
                throw new MalformedTokenException("CredSSP TSRequest: unsupported DER length form 0x" + Integer.toHexString(first));
            }
            if (length < 2 + count) {
                return -1;
            }
            contents = 0;
            for (int i = 0; i < count; i++) {
                contents = contents << 8 | (buffer[2 + i] & 0xFF);
            }
            header = 2 + count;
        }
        if (contents + header > MAX_LENGTH) {
            throw new MalformedTokenException("CredSSP TSRequest: length " + contents + " exceeds " + MAX_LENGTH + " bytes");
        }
        int total = (int) contents + header;
        return length >= total ? total : -1;
    }
}
