package io.jenkins.plugins.winrmcredssp.protocol.ntlm.av;

import java.util.Optional;

/** The AvId values of an AV_PAIR, MS-NLMP §2.2.2.1. */
public enum AvId {
    MSV_AV_EOL(0x0000),
    MSV_AV_NB_COMPUTER_NAME(0x0001),
    MSV_AV_NB_DOMAIN_NAME(0x0002),
    MSV_AV_DNS_COMPUTER_NAME(0x0003),
    MSV_AV_DNS_DOMAIN_NAME(0x0004),
    MSV_AV_DNS_TREE_NAME(0x0005),
    /** 32-bit flags; see {@link TargetInfo#FLAG_MIC_PRESENT}. */
    MSV_AV_FLAGS(0x0006),
    /** FILETIME of the server (64-bit little-endian, 100 ns since 1601). */
    MSV_AV_TIMESTAMP(0x0007),
    /** Single_Host_Data structure, MS-NLMP §2.2.2.2. */
    MSV_AV_SINGLE_HOST(0x0008),
    /** The SPN of the target server, UTF-16LE, e.g. {@code HTTP/host}. */
    MSV_AV_TARGET_NAME(0x0009),
    /** MD5 of the gss_channel_bindings_struct (RFC 4121 §4.1.1.2). */
    MSV_AV_CHANNEL_BINDINGS(0x000A);

    private final int value;

    AvId(int value) {
        this.value = value;
    }

    public int value() {
        return value;
    }

    public static Optional<AvId> of(int value) {
        for (AvId id : values()) {
            if (id.value == value) {
                return Optional.of(id);
            }
        }
        return Optional.empty();
    }

    /** Whether the value is UTF-16LE text. */
    public boolean isText() {
        return switch (this) {
            case MSV_AV_NB_COMPUTER_NAME, MSV_AV_NB_DOMAIN_NAME, MSV_AV_DNS_COMPUTER_NAME, MSV_AV_DNS_DOMAIN_NAME,
                    MSV_AV_DNS_TREE_NAME, MSV_AV_TARGET_NAME -> true;
            default -> false;
        };
    }

    /** The fixed value length the spec prescribes, or -1 when variable. */
    public int fixedLength() {
        return switch (this) {
            case MSV_AV_EOL -> 0;
            case MSV_AV_FLAGS -> 4;
            case MSV_AV_TIMESTAMP -> 8;
            case MSV_AV_CHANNEL_BINDINGS -> 16;
            default -> -1;
        };
    }
}
