package io.jenkins.plugins.winrmcredssp.protocol.ntlm.av;

import io.jenkins.plugins.winrmcredssp.protocol.codec.LittleEndianReader;
import io.jenkins.plugins.winrmcredssp.protocol.codec.LittleEndianWriter;
import io.jenkins.plugins.winrmcredssp.protocol.codec.MalformedTokenException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * A list of AV_PAIRs terminated by MsvAvEOL (MS-NLMP §2.2.2.1): the CHALLENGE_MESSAGE's TargetInfo and the AvPairs
 * of an NTLMv2_CLIENT_CHALLENGE. Immutable; {@link #with} returns a copy. The order of pairs is kept, unknown ids too.
 */
public final class TargetInfo {
    /** MsvAvFlags bit 0x1: the account authentication is constrained. */
    public static final int FLAG_CONSTRAINED = 0x1;
    /** MsvAvFlags bit 0x2: the AUTHENTICATE_MESSAGE carries a MIC. */
    public static final int FLAG_MIC_PRESENT = 0x2;
    /** MsvAvFlags bit 0x4: the client sent an untrusted SPN target name. */
    public static final int FLAG_UNTRUSTED_SPN = 0x4;

    private static final TargetInfo EMPTY = new TargetInfo(List.of());

    private final List<AvPair> pairs;

    private TargetInfo(List<AvPair> pairs) {
        this.pairs = List.copyOf(pairs);
    }

    public static TargetInfo empty() {
        return EMPTY;
    }

    /** The pairs in order; MsvAvEOL is implicit and never part of the list. */
    public static TargetInfo of(List<AvPair> pairs) {
        for (AvPair pair : pairs) {
            if (pair.id() == AvId.MSV_AV_EOL.value()) {
                throw new IllegalArgumentException("MsvAvEOL is added on encoding, not listed");
            }
        }
        return new TargetInfo(pairs);
    }

    /**
     * Decodes AV pairs up to MsvAvEOL; bytes after it are ignored (the NTLMv2 response pads with zeros).
     *
     * @param what the enclosing structure, for error messages
     */
    public static TargetInfo decode(byte[] bytes, String what) throws MalformedTokenException {
        LittleEndianReader in = new LittleEndianReader(bytes, what + " AV_PAIR list");
        List<AvPair> pairs = new ArrayList<>();
        while (true) {
            if (in.remaining() == 0) {
                if (pairs.isEmpty() && bytes.length == 0) {
                    return EMPTY;
                }
                throw new MalformedTokenException(what + ": AV_PAIR list is not terminated by MsvAvEOL");
            }
            int id = in.readUInt16("AvId");
            int length = in.readUInt16("AvLen");
            byte[] value = in.readBytes(length, "AV_PAIR value of AvId " + id);
            Optional<AvId> known = AvId.of(id);
            if (known.isPresent() && known.get().fixedLength() >= 0 && known.get().fixedLength() != length) {
                throw new MalformedTokenException(what + ": " + known.get() + " has length " + length + ", expected "
                        + known.get().fixedLength());
            }
            if (known.isPresent() && known.get().isText() && length % 2 != 0) {
                throw new MalformedTokenException(what + ": " + known.get() + " has odd UTF-16LE length " + length);
            }
            if (id == AvId.MSV_AV_EOL.value()) {
                return new TargetInfo(pairs);
            }
            pairs.add(new AvPair(id, value));
        }
    }

    /** The encoded pairs followed by MsvAvEOL. */
    public byte[] encode() {
        LittleEndianWriter out = new LittleEndianWriter();
        for (AvPair pair : pairs) {
            pair.encode(out);
        }
        out.writeUInt16(AvId.MSV_AV_EOL.value()).writeUInt16(0);
        return out.toByteArray();
    }

    public List<AvPair> pairs() {
        return pairs;
    }

    public boolean isEmpty() {
        return pairs.isEmpty();
    }

    /** The first pair with this id. */
    public Optional<AvPair> get(AvId id) {
        return pairs.stream().filter(p -> p.id() == id.value()).findFirst();
    }

    public Optional<String> text(AvId id) {
        return get(id).map(AvPair::text);
    }

    /** MsvAvFlags, 0 when absent. */
    public int flags() {
        return get(AvId.MSV_AV_FLAGS).map(p -> {
            byte[] v = p.value();
            return (v[0] & 0xFF) | (v[1] & 0xFF) << 8 | (v[2] & 0xFF) << 16 | (v[3] & 0xFF) << 24;
        }).orElse(0);
    }

    /** MsvAvTimestamp as a FILETIME, when present. */
    public OptionalLong timestamp() {
        Optional<AvPair> pair = get(AvId.MSV_AV_TIMESTAMP);
        if (pair.isEmpty()) {
            return OptionalLong.empty();
        }
        byte[] v = pair.get().value();
        long value = 0;
        for (int i = 7; i >= 0; i--) {
            value = value << 8 | (v[i] & 0xFF);
        }
        return OptionalLong.of(value);
    }

    /** A copy with {@code pair} replacing the pairs of the same id (or appended when there was none). */
    public TargetInfo with(AvPair pair) {
        List<AvPair> out = new ArrayList<>(pairs.size() + 1);
        boolean replaced = false;
        for (AvPair p : pairs) {
            if (p.id() == pair.id()) {
                if (!replaced) {
                    out.add(pair);
                    replaced = true;
                }
            } else {
                out.add(p);
            }
        }
        if (!replaced) {
            out.add(pair);
        }
        return new TargetInfo(out);
    }

    public TargetInfo withFlags(int flags) {
        return with(new AvPair(AvId.MSV_AV_FLAGS, new LittleEndianWriter(4).writeInt32(flags).toByteArray()));
    }

    public TargetInfo withTimestamp(long filetime) {
        return with(new AvPair(AvId.MSV_AV_TIMESTAMP, new LittleEndianWriter(8).writeInt64(filetime).toByteArray()));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TargetInfo other && other.pairs.equals(pairs);
    }

    @Override
    public int hashCode() {
        return pairs.hashCode();
    }

    @Override
    public String toString() {
        return "TargetInfo" + pairs;
    }
}
