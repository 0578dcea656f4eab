package io.jenkins.plugins.winrmcredssp.protocol.ntlm.messages;

import io.jenkins.plugins.winrmcredssp.protocol.codec.LittleEndianReader;
import io.jenkins.plugins.winrmcredssp.protocol.codec.LittleEndianWriter;
import io.jenkins.plugins.winrmcredssp.protocol.codec.MalformedTokenException;
import io.jenkins.plugins.winrmcredssp.protocol.ntlm.NegotiateFlag;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * NEGOTIATE_MESSAGE, MS-NLMP §2.2.1.1: the client's flags and, optionally, its domain and workstation in the OEM
 * character set.
 *
 * <pre>
 * Signature(8) MessageType(4)=1 NegotiateFlags(4) DomainNameFields(8) WorkstationFields(8) Version(8) Payload
 * </pre>
 */
public final class NtlmNegotiate {
    private static final String WHAT = "NTLM NEGOTIATE_MESSAGE";
    private static final int HEADER_LENGTH = 40;

    private final EnumSet<NegotiateFlag> flags;
    private final String domainName;
    private final String workstation;
    private final NtlmVersion version;
    private final byte[] wire;

    /**
     * @param domainName  empty unless NEGOTIATE_OEM_DOMAIN_SUPPLIED is set
     * @param workstation empty unless NEGOTIATE_OEM_WORKSTATION_SUPPLIED is set
     * @param version     required when NEGOTIATE_VERSION is set, else {@code null}
     */
    public NtlmNegotiate(Set<NegotiateFlag> flags, String domainName, String workstation, NtlmVersion version) {
        this.flags = NegotiateFlag.copyOf(Objects.requireNonNull(flags, "flags"));
        this.domainName = Objects.requireNonNull(domainName, "domainName");
        this.workstation = Objects.requireNonNull(workstation, "workstation");
        if (this.flags.contains(NegotiateFlag.NEGOTIATE_VERSION) && version == null) {
            throw new IllegalArgumentException("NEGOTIATE_VERSION is set but no version given");
        }
        this.version = version;
        this.wire = encodeFields();
    }

    private NtlmNegotiate(EnumSet<NegotiateFlag> flags, String domainName, String workstation, NtlmVersion version,
            byte[] wire) {
        this.flags = flags;
        this.domainName = domainName;
        this.workstation = workstation;
        this.version = version;
        this.wire = wire;
    }

    public static NtlmNegotiate decode(byte[] token) throws MalformedTokenException {
        LittleEndianReader in = MessageCodec.open(token, MessageCodec.NEGOTIATE, WHAT);
        EnumSet<NegotiateFlag> flags = NegotiateFlag.fromWire(in.readInt32("NegotiateFlags"));
        byte[] domain = MessageCodec.readField(in, "DomainName");
        byte[] workstation = MessageCodec.readField(in, "Workstation");
        NtlmVersion version = null;
        if (flags.contains(NegotiateFlag.NEGOTIATE_VERSION)) {
            version = NtlmVersion.read(in);
        }
        return new NtlmNegotiate(flags, new String(domain, StandardCharsets.ISO_8859_1),
                new String(workstation, StandardCharsets.ISO_8859_1), version, token.clone());
    }

    private byte[] encodeFields() {
        LittleEndianWriter out = new LittleEndianWriter(HEADER_LENGTH);
        out.writeBytes(MessageCodec.SIGNATURE).writeUInt32(MessageCodec.NEGOTIATE).writeInt32(NegotiateFlag.toWire(flags));
        MessageCodec.Payload payload = new MessageCodec.Payload(HEADER_LENGTH);
        payload.field(out, domainName.getBytes(StandardCharsets.ISO_8859_1));
        payload.field(out, workstation.getBytes(StandardCharsets.ISO_8859_1));
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

    public String domainName() {
        return domainName;
    }

    public String workstation() {
        return workstation;
    }

    public Optional<NtlmVersion> version() {
        return Optional.ofNullable(version);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof NtlmNegotiate other && Arrays.equals(other.wire, wire);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(wire);
    }

    @Override
    public String toString() {
        return "NtlmNegotiate[flags=" + NegotiateFlag.toHex(flags) + " " + flags + ", domain='" + domainName
                + "', workstation='" + workstation + "', version=" + version + "]";
    }
}
