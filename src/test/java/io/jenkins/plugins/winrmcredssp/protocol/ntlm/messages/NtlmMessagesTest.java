package io.jenkins.plugins.winrmcredssp.protocol.ntlm.messages;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.winrmcredssp.protocol.codec.MalformedTokenException;
import io.jenkins.plugins.winrmcredssp.protocol.ntlm.NegotiateFlag;
import io.jenkins.plugins.winrmcredssp.protocol.ntlm.av.AvId;
import io.jenkins.plugins.winrmcredssp.protocol.ntlm.av.AvPair;
import io.jenkins.plugins.winrmcredssp.protocol.ntlm.av.TargetInfo;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Encoding and strict decoding of the MS-NLMP §2.2.1 messages. */
class NtlmMessagesTest {
    private static final HexFormat HEX = HexFormat.of();
    private static final EnumSet<NegotiateFlag> FLAGS = NegotiateFlag.fromWire(0xe28a8235);

    static TargetInfo targetInfo() {
        return TargetInfo.of(List.of(AvPair.text(AvId.MSV_AV_NB_DOMAIN_NAME, "Domain"),
                AvPair.text(AvId.MSV_AV_NB_COMPUTER_NAME, "Server"),
                new AvPair(0x00FF, new byte[] {1, 2, 3}))).withTimestamp(0x01d9_0000_0000_0000L);
    }

    @Test
    void negotiateRoundTrip() throws Exception {
        NtlmNegotiate negotiate = new NtlmNegotiate(FLAGS, "", "", NtlmVersion.DEFAULT);
        byte[] wire = negotiate.encode();
        // §2.2.1.1: 'NTLMSSP\0', MessageType 1, NegotiateFlags, two empty fields, VERSION; 40 bytes
        assertThat(HEX.formatHex(Arrays.copyOf(wire, 16))).isEqualTo("4e544c4d53535000" + "01000000" + "3582 8ae2"
                .replace(" ", ""));
        assertThat(wire).hasSize(40);
        NtlmNegotiate decoded = NtlmNegotiate.decode(wire);
        assertThat(decoded.flags()).isEqualTo(FLAGS);
        assertThat(decoded.version()).hasValue(NtlmVersion.DEFAULT);
        assertThat(decoded).isEqualTo(negotiate);
    }

    @Test
    void negotiateWithOemNames() throws Exception {
        EnumSet<NegotiateFlag> flags = NegotiateFlag.copyOf(FLAGS);
        flags.add(NegotiateFlag.NEGOTIATE_OEM_DOMAIN_SUPPLIED);
        flags.add(NegotiateFlag.NEGOTIATE_OEM_WORKSTATION_SUPPLIED);
        NtlmNegotiate decoded = NtlmNegotiate.decode(new NtlmNegotiate(flags, "DOM", "WS", NtlmVersion.DEFAULT)
                .encode());
        assertThat(decoded.domainName()).isEqualTo("DOM");
        assertThat(decoded.workstation()).isEqualTo("WS");
    }

    @Test
    void challengeRoundTripKeepsUnknownAvPairs() throws Exception {
        NtlmChallenge challenge = new NtlmChallenge(FLAGS, "Server", HEX.parseHex("0123456789abcdef"), targetInfo(),
                NtlmVersion.DEFAULT);
        NtlmChallenge decoded = NtlmChallenge.decode(challenge.encode());
        assertThat(decoded.targetName()).isEqualTo("Server");
        assertThat(decoded.serverChallenge()).isEqualTo(HEX.parseHex("0123456789abcdef"));
        assertThat(decoded.targetInfo()).isEqualTo(targetInfo());
        assertThat(decoded.targetInfo().get(AvId.MSV_AV_NB_DOMAIN_NAME).orElseThrow().text()).isEqualTo("Domain");
        assertThat(decoded.targetInfo().pairs()).contains(new AvPair(0x00FF, new byte[] {1, 2, 3}));
        assertThat(decoded.targetInfo().timestamp()).hasValue(0x01d9_0000_0000_0000L);
        assertThat(decoded.targetInfo().encode()).isEqualTo(targetInfo().encode());
        assertThat(decoded.encode()).isEqualTo(challenge.encode());
    }

    @Test
    void authenticateRoundTripWithAndWithoutMic() throws Exception {
        NtlmAuthenticate withMic = new NtlmAuthenticate(FLAGS, new byte[24], new byte[60], "Domain", "User",
                "COMPUTER", new byte[16], NtlmVersion.DEFAULT, new byte[16]).withMic(HEX.parseHex(
                "000102030405060708090a0b0c0d0e0f"));
        NtlmAuthenticate decoded = NtlmAuthenticate.decode(withMic.encode());
        assertThat(decoded.userName()).isEqualTo("User");
        assertThat(decoded.domainName()).isEqualTo("Domain");
        assertThat(decoded.workstation()).isEqualTo("COMPUTER");
        assertThat(decoded.mic()).hasValueSatisfying(
                m -> assertThat(HEX.formatHex(m)).isEqualTo("000102030405060708090a0b0c0d0e0f"));
        assertThat(decoded.version()).hasValue(NtlmVersion.DEFAULT);
        byte[] zeroed = decoded.encodeWithZeroMic();
        assertThat(Arrays.copyOfRange(zeroed, NtlmAuthenticate.MIC_OFFSET, NtlmAuthenticate.MIC_OFFSET + 16))
                .isEqualTo(new byte[16]);

        NtlmAuthenticate noMic = new NtlmAuthenticate(FLAGS, new byte[24], new byte[60], "Domain", "User", "",
                new byte[16], NtlmVersion.DEFAULT, null);
        assertThat(NtlmAuthenticate.decode(noMic.encode()).mic()).isEmpty();
        assertThat(noMic.encode()).hasSize(72 + 24 + 60 + 12 + 8 + 16);
    }

    @Test
    void wrongSignatureOrTypeIsMalformed() {
        byte[] wire = new NtlmNegotiate(FLAGS, "", "", NtlmVersion.DEFAULT).encode();
        assertThatThrownBy(() -> NtlmChallenge.decode(wire)).isInstanceOf(MalformedTokenException.class)
                .hasMessageContaining("MessageType is 1, expected 2");
        wire[0] = 'X';
        assertThatThrownBy(() -> NtlmNegotiate.decode(wire)).isInstanceOf(MalformedTokenException.class)
                .hasMessageContaining("Signature");
        assertThatThrownBy(() -> NtlmNegotiate.decode(null)).isInstanceOf(MalformedTokenException.class);
    }

    @Test
    void fieldOutsideTheMessageIsMalformedAndNamed() {
        byte[] wire = new NtlmChallenge(FLAGS, "Server", new byte[8], targetInfo(), NtlmVersion.DEFAULT).encode();
        wire[44] = (byte) 0xFF; // TargetInfoFields.BufferOffset
        wire[45] = (byte) 0xFF;
        assertThatThrownBy(() -> NtlmChallenge.decode(wire)).isInstanceOf(MalformedTokenException.class)
                .hasMessageContaining("TargetInfo").hasMessageContaining("outside");
        byte[] truncated = Arrays.copyOf(new NtlmNegotiate(FLAGS, "", "", NtlmVersion.DEFAULT).encode(), 20);
        assertThatThrownBy(() -> NtlmNegotiate.decode(truncated)).isInstanceOf(MalformedTokenException.class)
                .hasMessageContaining("truncated");
    }

    @Test
    void absurdlyLargeTokenIsMalformed() {
        byte[] huge = Arrays.copyOf(new NtlmNegotiate(FLAGS, "", "", NtlmVersion.DEFAULT).encode(), 1 << 20);
        assertThatThrownBy(() -> NtlmNegotiate.decode(huge)).isInstanceOf(MalformedTokenException.class)
                .hasMessageContaining("exceeds");
    }

    @Test
    void oddUtf16LengthIsMalformed() {
        byte[] wire = new NtlmAuthenticate(FLAGS, new byte[24], new byte[60], "Domain", "User", "", new byte[16],
                NtlmVersion.DEFAULT, new byte[16]).encode();
        wire[36] = 7; // UserNameFields.Len
        assertThatThrownBy(() -> NtlmAuthenticate.decode(wire)).isInstanceOf(MalformedTokenException.class)
                .hasMessageContaining("UserName").hasMessageContaining("odd");
    }

    @Test
    void payloadInsideTheFixedHeaderIsMalformed() {
        byte[] wire = new NtlmAuthenticate(FLAGS, new byte[24], new byte[60], "Domain", "User", "", new byte[16],
                NtlmVersion.DEFAULT, new byte[16]).encode();
        wire[16] = 8; // LmChallengeResponseFields.BufferOffset -> 8
        wire[17] = 0;
        assertThatThrownBy(() -> NtlmAuthenticate.decode(wire)).isInstanceOf(MalformedTokenException.class)
                .hasMessageContaining("inside the fixed header");
    }

    @Test
    void ntlmV2ResponseDecoding() throws Exception {
        NtlmV2ClientChallenge temp = new NtlmV2ClientChallenge(42, new byte[8], targetInfo());
        byte[] nt = new byte[16 + temp.encode().length];
        System.arraycopy(temp.encode(), 0, nt, 16, temp.encode().length);
        NtlmV2Response response = NtlmV2Response.decode(nt);
        assertThat(response.clientChallenge().timestamp()).isEqualTo(42);
        assertThat(response.clientChallenge().avPairs()).isEqualTo(targetInfo());
        assertThat(response.clientChallenge().encode()).isEqualTo(temp.encode());
        assertThatThrownBy(() -> NtlmV2Response.decode(new byte[24])).isInstanceOf(MalformedTokenException.class)
                .hasMessageContaining("NTLMv1");
    }
}
