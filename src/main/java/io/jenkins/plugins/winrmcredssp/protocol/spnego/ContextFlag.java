package io.jenkins.plugins.winrmcredssp.protocol.spnego;

import java.util.EnumSet;
import java.util.Set;

/**
 * The ContextFlags BIT STRING of NegTokenInit.reqFlags, RFC 4178 §4.2.1. Bit n is the n-th bit counted from the most
 * significant bit of the first octet (X.690 §8.6). MS-SPNG §2.2.1 notes Windows ignores reqFlags.
 */
public enum ContextFlag {
    DELEG(0),
    MUTUAL(1),
    REPLAY(2),
    SEQUENCE(3),
    ANON(4),
    CONF(5),
    INTEG(6);

    private final int bit;

    ContextFlag(int bit) {
        this.bit = bit;
    }

    public int bit() {
        return bit;
    }

    /** Flags set in BIT STRING contents (without the unused-bits octet); bits with no name are ignored. */
    static Set<ContextFlag> fromBits(byte[] bits) {
        Set<ContextFlag> flags = EnumSet.noneOf(ContextFlag.class);
        for (ContextFlag flag : values()) {
            int index = flag.bit / 8;
            if (index < bits.length && (bits[index] & (0x80 >>> (flag.bit % 8))) != 0) {
                flags.add(flag);
            }
        }
        return flags;
    }

    /** DER named-bit-list encoding (X.690 §11.2.2: trailing zero bits removed): {unusedBits, octets...}. */
    static byte[] toDerBitStringContents(Set<ContextFlag> flags) {
        int highest = -1;
        for (ContextFlag flag : flags) {
            highest = Math.max(highest, flag.bit);
        }
        if (highest < 0) {
            return new byte[] {0};
        }
        byte[] contents = new byte[2];
        for (ContextFlag flag : flags) {
            contents[1] |= (byte) (0x80 >>> flag.bit);
        }
        contents[0] = (byte) (7 - highest);
        return contents;
    }
}
