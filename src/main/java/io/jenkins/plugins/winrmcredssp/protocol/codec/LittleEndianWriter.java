package io.jenkins.plugins.winrmcredssp.protocol.codec;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** Growable little-endian writer; the counterpart of {@link LittleEndianReader}. */
public final class LittleEndianWriter {
    private final ByteArrayOutputStream out;

    public LittleEndianWriter() {
        this(64);
    }

    public LittleEndianWriter(int initialCapacity) {
        out = new ByteArrayOutputStream(initialCapacity);
    }

    public int size() {
        return out.size();
    }

    public LittleEndianWriter writeUInt8(int value) {
        out.write(value);
        return this;
    }

    public LittleEndianWriter writeUInt16(int value) {
        out.write(value);
        out.write(value >>> 8);
        return this;
    }

    public LittleEndianWriter writeInt32(int value) {
        out.write(value);
        out.write(value >>> 8);
        out.write(value >>> 16);
        out.write(value >>> 24);
        return this;
    }

    public LittleEndianWriter writeUInt32(long value) {
        return writeInt32((int) value);
    }

    public LittleEndianWriter writeInt64(long value) {
        writeInt32((int) value);
        return writeInt32((int) (value >>> 32));
    }

    public LittleEndianWriter writeBytes(byte[] bytes) {
        out.write(bytes, 0, bytes.length);
        return this;
    }

    public LittleEndianWriter writeZeros(int count) {
        for (int i = 0; i < count; i++) {
            out.write(0);
        }
        return this;
    }

    public byte[] toByteArray() {
        return out.toByteArray();
    }

    public static byte[] utf16le(String text) {
        return text.getBytes(StandardCharsets.UTF_16LE);
    }
}
