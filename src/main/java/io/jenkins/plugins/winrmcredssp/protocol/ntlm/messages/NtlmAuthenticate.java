package io.jenkins.plugins.winrmcredssp.protocol.ntlm.messages;

import io.jenkins.plugins.winrmcredssp.protocol.codec.LittleEndianReader;
import io.jenkins.plugins.winrmcredssp.protocol.codec.LittleEndianWriter;
import io.jenkins.plugins.winrmcredssp.protocol.codec.MalformedTokenException;
import io.jenkins.plugins.winrmcredssp.protocol.ntlm.NegotiateFlag;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * AUTHENTICATE_MESSAGE, MS-NLMP §2.2.1.3: the client's responses to the challenge, its names, the encrypted session
 * key and the MIC.
 *
 * <pre>
 * Signature(8) MessageType(4)=3 LmChallengeResponseFields(8) NtChallengeResponseFields(8) DomainNameFields(8)
 * UserNameFields(8) WorkstationFields(8) EncryptedRandomSessionKeyFields(8) NegotiateFlags(4) Version(8) MIC(16)
 * Payload
 * </pre>
 * Version and MIC are present only when the payload starts after them (older clients omit them).
 */
public final class NtlmAuthenticate {
    private static final String WHAT = "NTLM AUTHENTICATE_MESSAGE";
    /** Offset of the MIC field, MS-NLMP §2.2.1.3. */
    public static final int MIC_OFFSET = 72;
    public static final int MIC_LENGTH = 16;
    private static final int FIELDS_END = 64;

    private final EnumSet<NegotiateFlag> flags;
    private final byte[] lmChallengeResponse;
    private final byte[] ntChallengeResponse;
    private final String domainName;
    private final String userName;
    private final String workstation;
    private final byte[] encryptedRandomSessionKey;
    private final NtlmVersion version;
    private final byte[] mic;
    private final byte[] wire;

    /**
     * @param version required when NEGOTIATE_VERSION is set, else {@code null}
     * @param mic     16 bytes (zeros while the MIC is being computed), or {@code null} for a message without MIC field
     */
    public NtlmAuthenticate(Set<NegotiateFlag> flags, byte[] lmChallengeResponse, byte[] ntChallengeResponse,
            String domainName, String userName, String workstation, byte[] encryptedRandomSessionKey,
            NtlmVersion version, byte[] mic) {
        this.flags = NegotiateFlag.copyOf(flags);
        this.lmChallengeResponse = lmChallengeResponse.clone();
        this.ntChallengeResponse = ntChallengeResponse.clone();
        this.domainName = Objects.requireNonNull(domainName, "domainName");
        this.userName = Objects.requireNonNull(userName, "userName");
        this.workstation = Objects.requireNonNull(workstation, "workstation");
        this.encryptedRandomSessionKey = encryptedRandomSessionKey.clone();
        if (this.flags.contains(NegotiateFlag.NEGOTIATE_VERSION) && version == null) {
            throw new IllegalArgumentException("NEGOTIATE_VERSION is set but no version given");
        }
        if (mic != null && mic.length != MIC_LENGTH) {
            throw new IllegalArgumentException("MIC must be 16 bytes");
        }
        this.version = version;
        this.mic = mic == null ? null : mic.clone();
        this.wire = encodeFields();
    }

    private NtlmAuthenticate(EnumSet<NegotiateFlag> flags, byte[] lm, byte[] nt, String domainName, String userName,
            String workstation, byte[] encryptedRandomSessionKey, NtlmVersion version, byte[] mic, byte[] wire) {
        this.flags = flags;
        this.lmChallengeResponse = lm;
        this.ntChallengeResponse = nt;
        this.domainName = domainName;
        this.userName = userName;
        this.workstation = workstation;
        this.encryptedRandomSessionKey = encryptedRandomSessionKey;
        this.version = version;
        this.mic = mic;
        this.wire = wire;
    }

    public static NtlmAuthenticate decode(byte[] token) throws MalformedTokenException {
        LittleEndianReader in = MessageCodec.open(token, MessageCodec.AUTHENTICATE, WHAT);
        byte[] lm = MessageCodec.readField(in, "LmChallengeResponse");
        byte[] nt = MessageCodec.readField(in, "NtChallengeResponse");
        byte[] domain = MessageCodec.readField(in, "DomainName");
        byte[] user = MessageCodec.readField(in, "UserName");
        byte[] workstation = MessageCodec.readField(in, "Workstation");
        byte[] sessionKey = MessageCodec.readField(in, "EncryptedRandomSessionKey");
        EnumSet<NegotiateFlag> flags = NegotiateFlag.fromWire(in.readInt32("NegotiateFlags"));
        long payloadStart = token.length;
        for (int field = 12; field < 60; field += 8) {
            payloadStart = Math.min(payloadStart, MessageCodec.peekFieldOffset(token, field));
        }
        if (payloadStart < FIELDS_END) {
            throw new MalformedTokenException(WHAT + ": a payload field starts at offset " + payloadStart
                    + ", inside the fixed header");
        }
        NtlmVersion version = null;
        if (payloadStart >= MIC_OFFSET && flags.contains(NegotiateFlag.NEGOTIATE_VERSION)) {
            version = NtlmVersion.read(in);
        }
        byte[] mic = null;
        if (payloadStart >= MIC_OFFSET + MIC_LENGTH) {
            mic = in.bytesAt(MIC_OFFSET, MIC_LENGTH, "MIC");
        }
        boolean unicode = flags.contains(NegotiateFlag.NEGOTIATE_UNICODE);
        return new NtlmAuthenticate(flags, lm, nt, MessageCodec.decodeText(domain, unicode, WHAT + " DomainName"),
                MessageCodec.decodeText(user, unicode, WHAT + " UserName"),
                MessageCodec.decodeText(workstation, unicode, WHAT + " Workstation"), sessionKey, version, mic,
                token.clone());
    }

    private byte[] encodeFields() {
        boolean unicode = flags.contains(NegotiateFlag.NEGOTIATE_UNICODE);
        int headerLength = mic == null ? MIC_OFFSET : MIC_OFFSET + MIC_LENGTH;
        LittleEndianWriter out = new LittleEndianWriter(headerLength + 256);
        out.writeBytes(MessageCodec.SIGNATURE).writeUInt32(MessageCodec.AUTHENTICATE);
        MessageCodec.Payload payload = new MessageCodec.Payload(headerLength);
        payload.field(out, lmChallengeResponse);
        payload.field(out, ntChallengeResponse);
        payload.field(out, MessageCodec.encodeText(domainName, unicode));
        payload.field(out, MessageCodec.encodeText(userName, unicode));
        payload.field(out, MessageCodec.encodeText(workstation, unicode));
        payload.field(out, encryptedRandomSessionKey);
        out.writeInt32(NegotiateFlag.toWire(flags));
        if (version != null) {
            version.write(out);
        } else {
            out.writeZeros(NtlmVersion.LENGTH);
        }
        if (mic != null) {
            out.writeBytes(mic);
        }
        return payload.finish(out);
    }

    /** The same message with {@code mic} in its MIC field. */
    public NtlmAuthenticate withMic(byte[] mic) {
        return new NtlmAuthenticate(flags, lmChallengeResponse, ntChallengeResponse, domainName, userName,
                workstation, encryptedRandomSessionKey, version, mic);
    }

    /** The message as sent or received (byte for byte). */
    public byte[] encode() {
        return wire.clone();
    }

    /** The message with its MIC field zeroed, as the MIC computation of MS-NLMP §3.1.5.1.2 takes it. */
    public byte[] encodeWithZeroMic() {
        byte[] copy = wire.clone();
        if (mic != null) {
            Arrays.fill(copy, MIC_OFFSET, MIC_OFFSET + MIC_LENGTH, (byte) 0);
        }
        return copy;
    }

    public EnumSet<NegotiateFlag> flags() {
        return NegotiateFlag.copyOf(flags);
    }

    public byte[] lmChallengeResponse() {
        return lmChallengeResponse.clone();
    }

    public byte[] ntChallengeResponse() {
        return ntChallengeResponse.clone();
    }

    public String domainName() {
        return domainName;
    }

    public String userName() {
        return userName;
    }

    public String workstation() {
        return workstation;
    }

    public byte[] encryptedRandomSessionKey() {
        return encryptedRandomSessionKey.clone();
    }

    public Optional<NtlmVersion> version() {
        return Optional.ofNullable(version);
    }

    /** The MIC field, empty when the message has none. */
    public Optional<byte[]> mic() {
        return Optional.ofNullable(mic).map(byte[]::clone);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof NtlmAuthenticate other && Arrays.equals(other.wire, wire);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(wire);
    }

    @Override
    public String toString() {
        return "NtlmAuthenticate[flags=" + NegotiateFlag.toHex(flags) + " " + flags + ", domain='" + domainName
                + "', user='" + userName + "', workstation='" + workstation + "', ntResponse="
                + ntChallengeResponse.length + " bytes, lmResponse=" + lmChallengeResponse.length
                + " bytes, mic=" + (mic != null) + ", version=" + version + "]";
    }
}
