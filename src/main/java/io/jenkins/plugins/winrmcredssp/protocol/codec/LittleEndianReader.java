package io.jenkins.plugins.winrmcredssp.protocol.codec;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Bounds-checked little-endian reader over a byte array, for the binary structures of MS-NLMP and friends. Every read
 * that would leave the buffer throws {@link MalformedTokenException} naming the structure being read, never an
 * {@link IndexOutOfBoundsException}.
 */
public final class LittleEndianReader {
    private final byte[] buffer;
    private final String what;
    private int position;

    /**
     * @param buffer the bytes (not copied: the caller must not change them while reading)
     * @param what   name of the structure, used in error messages (e.g. "NTLM CHALLENGE_MESSAGE")
     */
    public LittleEndianReader(byte[] buffer, String what) {
        this.buffer = buffer;
        this.what = what;
    }

    public int position() {
        return position;
    }

    public int remaining() {
        return buffer.length - position;
    }

    public int length() {
        return buffer.length;
    }

    public LittleEndianReader seek(int offset) throws MalformedTokenException {
        if (offset < 0 || offset > buffer.length) {
            throw new MalformedTokenException(what + ": offset " + offset + " outside the " + buffer.length + "-byte message");
        }
        position = offset;
        return this;
    }

    private void need(int count, String field) throws MalformedTokenException {
        if (count < 0 || count > remaining()) {
            throw new MalformedTokenException(what + ": truncated reading " + field + " (need " + count + " bytes at offset "
                    + position + ", " + remaining() + " left)");
        }
    }

    public int readUInt8(String field) throws MalformedTokenException {
        need(1, field);
        return buffer[position++] & 0xFF;
    }

    public int readUInt16(String field) throws MalformedTokenException {
        need(2, field);
        int value = (buffer[position] & 0xFF) | (buffer[position + 1] & 0xFF) << 8;
        position += 2;
        return value;
    }

    /** Reads an unsigned 32-bit value into a long. */
    public long readUInt32(String field) throws MalformedTokenException {
        return readInt32(field) & 0xFFFFFFFFL;
    }

    public int readInt32(String field) throws MalformedTokenException {
        need(4, field);
        int value = (buffer[position] & 0xFF) | (buffer[position + 1] & 0xFF) << 8
                | (buffer[position + 2] & 0xFF) << 16 | (buffer[position + 3] & 0xFF) << 24;
        position += 4;
        return value;
    }

    public long readInt64(String field) throws MalformedTokenException {
        long low = readUInt32(field);
        long high = readUInt32(field);
        return high << 32 | low;
    }

    public byte[] readBytes(int count, String field) throws MalformedTokenException {
        need(count, field);
        byte[] out = Arrays.copyOfRange(buffer, position, position + count);
        position += count;
        return out;
    }

    /** Copies {@code length} bytes at an absolute {@code offset} without moving the read position. */
    public byte[] bytesAt(long offset, int length, String field) throws MalformedTokenException {
        if (offset < 0 || length < 0 || offset + length > buffer.length) {
            throw new MalformedTokenException(what + ": " + field + " (offset " + offset + ", length " + length
                    + ") points outside the " + buffer.length + "-byte message");
        }
        return Arrays.copyOfRange(buffer, (int) offset, (int) offset + length);
    }

    /** Decodes UTF-16LE text; an odd byte count is malformed. */
    public static String utf16le(byte[] bytes, String what) throws MalformedTokenException {
        if (bytes.length % 2 != 0) {
            throw new MalformedTokenException(what + ": UTF-16LE string with odd length " + bytes.length);
        }
        return new String(bytes, StandardCharsets.UTF_16LE);
    }
}
