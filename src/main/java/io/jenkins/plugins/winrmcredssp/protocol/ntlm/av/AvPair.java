package io.jenkins.plugins.winrmcredssp.protocol.ntlm.av;

import io.jenkins.plugins.winrmcredssp.protocol.codec.LittleEndianWriter;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Optional;

/**
 * One AV_PAIR (MS-NLMP §2.2.2.1): a 16-bit id and its value. Ids this code does not know are kept as they are, so a
 * target info block can be echoed back unchanged.
 */
public final class AvPair {
    private final int id;
    private final byte[] value;

    public AvPair(int id, byte[] value) {
        if (id < 0 || id > 0xFFFF) {
            throw new IllegalArgumentException("AvId " + id + " is not a 16-bit value");
        }
        if (value.length > 0xFFFF) {
            throw new IllegalArgumentException("AV_PAIR value of " + value.length + " bytes exceeds 65535");
        }
        this.id = id;
        this.value = value.clone();
    }

    public AvPair(AvId id, byte[] value) {
        this(id.value(), value);
    }

    public static AvPair text(AvId id, String text) {
        return new AvPair(id, LittleEndianWriter.utf16le(text));
    }

    public int id() {
        return id;
    }

    /** The id as a known {@link AvId}, empty for ids this code does not know. */
    public Optional<AvId> knownId() {
        return AvId.of(id);
    }

    public byte[] value() {
        return value.clone();
    }

    /** The value as UTF-16LE text (for the name AV pairs). */
    public String text() {
        return new String(value, StandardCharsets.UTF_16LE);
    }

    void encode(LittleEndianWriter out) {
        out.writeUInt16(id).writeUInt16(value.length).writeBytes(value);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof AvPair other && other.id == id && Arrays.equals(other.value, value);
    }

    @Override
    public int hashCode() {
        return 31 * id + Arrays.hashCode(value);
    }

    @Override
    public String toString() {
        String name = knownId().map(Enum::name).orElse(String.format("0x%04X", id));
        String shown = knownId().filter(AvId::isText).isPresent() ? "'" + text() + "'" : HexFormat.of().formatHex(value);
        return name + "=" + shown;
    }
}
