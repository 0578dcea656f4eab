package io.jenkins.plugins.winrmcredssp.protocol.ntlm.messages;

import io.jenkins.plugins.winrmcredssp.protocol.codec.LittleEndianReader;
import io.jenkins.plugins.winrmcredssp.protocol.codec.LittleEndianWriter;
import io.jenkins.plugins.winrmcredssp.protocol.codec.MalformedTokenException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** The parts every NTLM message shares (MS-NLMP §2.2): signature, message type, and payload fields. */
final class MessageCodec {
    static final byte[] SIGNATURE = "NTLMSSP\0".getBytes(StandardCharsets.US_ASCII);
    static final int NEGOTIATE = 1;
    static final int CHALLENGE = 2;
    static final int AUTHENTICATE = 3;
    /** Six payload fields of at most 65535 bytes each after the 88-byte AUTHENTICATE header. */
    static final int MAX_TOKEN_LENGTH = 88 + 6 * 0xFFFF;

    private MessageCodec() {
    }

    /** Checks Signature and MessageType and returns a reader positioned after them. */
    static LittleEndianReader open(byte[] token, int messageType, String what) throws MalformedTokenException {
        if (token == null) {
            throw new MalformedTokenException(what + ": no token");
        }
        if (token.length > MAX_TOKEN_LENGTH) {
            throw new MalformedTokenException(what + ": token of " + token.length + " bytes exceeds the largest"
                    + " possible NTLM message (" + MAX_TOKEN_LENGTH + " bytes)");
        }
        LittleEndianReader in = new LittleEndianReader(token, what);
        byte[] signature = in.readBytes(SIGNATURE.length, "Signature");
        if (!Arrays.equals(signature, SIGNATURE)) {
            throw new MalformedTokenException(what + ": Signature is not 'NTLMSSP\\0' (not an NTLM message)");
        }
        long type = in.readUInt32("MessageType");
        if (type != messageType) {
            throw new MalformedTokenException(what + ": MessageType is " + type + ", expected " + messageType);
        }
        return in;
    }

    /** Reads Len, MaxLen and BufferOffset of a payload field and returns the bytes it points to. */
    static byte[] readField(LittleEndianReader in, String field) throws MalformedTokenException {
        int length = in.readUInt16(field + "Len");
        in.readUInt16(field + "MaxLen");
        long offset = in.readUInt32(field + "BufferOffset");
        return in.bytesAt(offset, length, field);
    }

    /** Returns the offset of the field when it is non-empty, else {@link Integer#MAX_VALUE}. */
    static long peekFieldOffset(byte[] token, int fieldPosition) {
        int length = (token[fieldPosition] & 0xFF) | (token[fieldPosition + 1] & 0xFF) << 8;
        if (length == 0) {
            return Integer.MAX_VALUE;
        }
        return ((token[fieldPosition + 4] & 0xFFL) | (token[fieldPosition + 5] & 0xFFL) << 8
                | (token[fieldPosition + 6] & 0xFFL) << 16 | (token[fieldPosition + 7] & 0xFFL) << 24);
    }

    static String decodeText(byte[] bytes, boolean unicode, String field) throws MalformedTokenException {
        return unicode ? LittleEndianReader.utf16le(bytes, field) : new String(bytes, StandardCharsets.ISO_8859_1);
    }

    static byte[] encodeText(String text, boolean unicode) {
        return unicode ? LittleEndianWriter.utf16le(text) : text.getBytes(StandardCharsets.ISO_8859_1);
    }

    /** Lays out payload fields after a fixed header of known size, in the order they are added. */
    static final class Payload {
        private final int headerLength;
        private final List<byte[]> parts = new ArrayList<>();
        private int next;

        Payload(int headerLength) {
            this.headerLength = headerLength;
            this.next = headerLength;
        }

        /** Writes the Len/MaxLen/BufferOffset triple of {@code value} and queues the value. */
        void field(LittleEndianWriter header, byte[] value) {
            if (value.length > 0xFFFF) {
                throw new IllegalArgumentException("NTLM payload field of " + value.length + " bytes exceeds 65535");
            }
            header.writeUInt16(value.length).writeUInt16(value.length).writeUInt32(next);
            parts.add(value);
            next += value.length;
        }

        byte[] finish(LittleEndianWriter header) {
            if (header.size() != headerLength) {
                throw new IllegalStateException("header is " + header.size() + " bytes, expected " + headerLength);
            }
            for (byte[] part : parts) {
                header.writeBytes(part);
            }
            return header.toByteArray();
        }
    }
}
