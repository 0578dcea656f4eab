package io.jenkins.plugins.winrmcredssp.protocol.ntlm;

import java.util.EnumSet;
import java.util.Set;

/**
 * The NegotiateFlags bits of MS-NLMP §2.2.2.5. Every one of the 32 bits has a constant (the reserved ones too) so a
 * flags word survives decode and encode unchanged.
 */
public enum NegotiateFlag {
    NEGOTIATE_UNICODE(0x00000001),
    NEGOTIATE_OEM(0x00000002),
    REQUEST_TARGET(0x00000004),
    RESERVED_10(0x00000008),
    NEGOTIATE_SIGN(0x00000010),
    NEGOTIATE_SEAL(0x00000020),
    NEGOTIATE_DATAGRAM(0x00000040),
    NEGOTIATE_LM_KEY(0x00000080),
    RESERVED_9(0x00000100),
    NEGOTIATE_NTLM(0x00000200),
    RESERVED_8(0x00000400),
    ANONYMOUS(0x00000800),
    NEGOTIATE_OEM_DOMAIN_SUPPLIED(0x00001000),
    NEGOTIATE_OEM_WORKSTATION_SUPPLIED(0x00002000),
    RESERVED_7(0x00004000),
    NEGOTIATE_ALWAYS_SIGN(0x00008000),
    TARGET_TYPE_DOMAIN(0x00010000),
    TARGET_TYPE_SERVER(0x00020000),
    RESERVED_6(0x00040000),
    NEGOTIATE_EXTENDED_SESSIONSECURITY(0x00080000),
    NEGOTIATE_IDENTIFY(0x00100000),
    RESERVED_5(0x00200000),
    REQUEST_NON_NT_SESSION_KEY(0x00400000),
    NEGOTIATE_TARGET_INFO(0x00800000),
    RESERVED_4(0x01000000),
    NEGOTIATE_VERSION(0x02000000),
    RESERVED_3(0x04000000),
    RESERVED_2(0x08000000),
    RESERVED_1(0x10000000),
    NEGOTIATE_128(0x20000000),
    NEGOTIATE_KEY_EXCH(0x40000000),
    NEGOTIATE_56(0x80000000);

    private final int mask;

    NegotiateFlag(int mask) {
        this.mask = mask;
    }

    public int mask() {
        return mask;
    }

    /** The flags set in a wire value. */
    public static EnumSet<NegotiateFlag> fromWire(int value) {
        EnumSet<NegotiateFlag> flags = EnumSet.noneOf(NegotiateFlag.class);
        for (NegotiateFlag flag : values()) {
            if ((value & flag.mask) != 0) {
                flags.add(flag);
            }
        }
        return flags;
    }

    /** The wire value of a set of flags. */
    public static int toWire(Set<NegotiateFlag> flags) {
        int value = 0;
        for (NegotiateFlag flag : flags) {
            value |= flag.mask;
        }
        return value;
    }

    /** A mutable copy of any set of flags (EnumSet.copyOf refuses an empty non-EnumSet collection). */
    public static EnumSet<NegotiateFlag> copyOf(Set<NegotiateFlag> flags) {
        EnumSet<NegotiateFlag> copy = EnumSet.noneOf(NegotiateFlag.class);
        copy.addAll(flags);
        return copy;
    }

    /** {@code 0x%08X} of the wire value, for messages. */
    public static String toHex(Set<NegotiateFlag> flags) {
        return String.format("0x%08X", toWire(flags));
    }
}
