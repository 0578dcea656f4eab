package io.jenkins.plugins.winrmcredssp.protocol.ntlm.messages;

import io.jenkins.plugins.winrmcredssp.protocol.codec.LittleEndianReader;
import io.jenkins.plugins.winrmcredssp.protocol.codec.LittleEndianWriter;
import io.jenkins.plugins.winrmcredssp.protocol.codec.MalformedTokenException;
import io.jenkins.plugins.winrmcredssp.protocol.ntlm.NegotiateFlag;
import io.jenkins.plugins.winrmcredssp.protocol.ntlm.av.TargetInfo;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * CHALLENGE_MESSAGE, MS-NLMP §2.2.1.2: the server's flags, its 8-byte challenge and its names (TargetInfo).
 *
 * <pre>
 * Signature(8) MessageType(4)=2 TargetNameFields(8) NegotiateFlags(4) ServerChallenge(8) Reserved(8)
 * TargetInfoFields(8) Version(8) Payload
 * </pre>
 */
public final class NtlmChallenge {
    private static final String WHAT = "NTLM CHALLENGE_MESSAGE";
    private static final int HEADER_LENGTH = 56;
    public static final int SERVER_CHALLENGE_LENGTH = 8;

    private final EnumSet<NegotiateFlag> flags;
    private final String targetName;
    private final byte[] serverChallenge;
    private final TargetInfo targetInfo;
    private final NtlmVersion version;
    private final byte[] wire;

    /**
     * @param targetName the server's domain or computer name (UTF-16LE when NEGOTIATE_UNICODE is set)
     * @param version    required when NEGOTIATE_VERSION is set, else {@code null}
     */
    public NtlmChallenge(Set<NegotiateFlag> flags, String targetName, byte[] serverChallenge, TargetInfo targetInfo,
            NtlmVersion version) {
        this.flags = NegotiateFlag.copyOf(flags);
        this.targetName = Objects.requireNonNull(targetName, "targetName");
        if (serverChallenge.length != SERVER_CHALLENGE_LENGTH) {
            throw new IllegalArgumentException("ServerChallenge must be 8 bytes");
        }
        this.serverChallenge = serverChallenge.clone();
        this.targetInfo = Objects.requireNonNull(targetInfo, "targetInfo");
        if (this.flags.contains(NegotiateFlag.NEGOTIATE_VERSION) && version == null) {
            throw new IllegalArgumentException("NEGOTIATE_VERSION is set but no version given");
        }
        this.version = version;
        this.wire = encodeFields();
    }

    private NtlmChallenge(EnumSet<NegotiateFlag> flags, String targetName, byte[] serverChallenge,
            TargetInfo targetInfo, NtlmVersion version, byte[] wire) {
        this.flags = flags;
        this.targetName = targetName;
        this.serverChallenge = serverChallenge;
        this.targetInfo = targetInfo;
        this.version = version;
        this.wire = wire;
    }

    public static NtlmChallenge decode(byte[] token) throws MalformedTokenException {
        LittleEndianReader in = MessageCodec.open(token, MessageCodec.CHALLENGE, WHAT);
        byte[] targetName = MessageCodec.readField(in, "TargetName");
        EnumSet<NegotiateFlag> flags = NegotiateFlag.fromWire(in.readInt32("NegotiateFlags"));
        byte[] serverChallenge = in.readBytes(SERVER_CHALLENGE_LENGTH, "ServerChallenge");
        in.readBytes(8, "Reserved");
        byte[] targetInfo = MessageCodec.readField(in, "TargetInfo");
        NtlmVersion version = null;
        if (flags.contains(NegotiateFlag.NEGOTIATE_VERSION)) {
            version = NtlmVersion.read(in);
        }
        boolean unicode = flags.contains(NegotiateFlag.NEGOTIATE_UNICODE);
        return new NtlmChallenge(flags, MessageCodec.decodeText(targetName, unicode, WHAT + " TargetName"),
                serverChallenge, TargetInfo.decode(targetInfo, WHAT + " TargetInfo"), version, token.clone());
    }

    private byte[] encodeFields() {
        boolean unicode = flags.contains(NegotiateFlag.NEGOTIATE_UNICODE);
        LittleEndianWriter out = new LittleEndianWriter(HEADER_LENGTH + 128);
        out.writeBytes(MessageCodec.SIGNATURE).writeUInt32(MessageCodec.CHALLENGE);
        MessageCodec.Payload payload = new MessageCodec.Payload(HEADER_LENGTH);
        payload.field(out, MessageCodec.encodeText(targetName, unicode));
        out.writeInt32(NegotiateFlag.toWire(flags)).writeBytes(serverChallenge).writeZeros(8);
        payload.field(out, targetInfo.isEmpty() && !flags.contains(NegotiateFlag.NEGOTIATE_TARGET_INFO)
                ? new byte[0] : targetInfo.encode());
        if (version != null) {
            version.write(out);
        } else {
            out.writeZeros(NtlmVersion.LENGTH);
        }
        return payload.finish(out);
    }

    /** The message as sent or received (byte for byte: the MIC covers these bytes). */
    public byte[] encode() {
        return wire.clone();
    }

    public EnumSet<NegotiateFlag> flags() {
        return NegotiateFlag.copyOf(flags);
    }

    public String targetName() {
        return targetName;
    }

    public byte[] serverChallenge() {
        return serverChallenge.clone();
    }

    public TargetInfo targetInfo() {
        return targetInfo;
    }

    public Optional<NtlmVersion> version() {
        return Optional.ofNullable(version);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof NtlmChallenge other && Arrays.equals(other.wire, wire);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(wire);
    }

    @Override
    public String toString() {
        return "NtlmChallenge[flags=" + NegotiateFlag.toHex(flags) + " " + flags + ", targetName='" + targetName
                + "', serverChallenge=" + HexFormat.of().formatHex(serverChallenge) + ", " + targetInfo
                + ", version=" + version + "]";
    }
}
