package io.jenkins.plugins.winrmcredssp.protocol.spnego;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.winrmcredssp.protocol.auth.Mechanism;
import io.jenkins.plugins.winrmcredssp.protocol.codec.Der;
import io.jenkins.plugins.winrmcredssp.protocol.codec.MalformedTokenException;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** RFC 4178 §4.2 wire formats against tokens captured from Windows peers, and strict decoding. */
class NegotiationTokenTest {
    private static final HexFormat HEX = HexFormat.of();
    private static final String NTLM = Mechanism.NTLM.oid();
    private static final String KRB5 = Mechanism.KERBEROS.oid();
    private static final String MS_KRB5 = Mechanism.KERBEROS_MS_LEGACY.oid();
    private static final String NEGOEX = "1.3.6.1.4.1.311.2.2.30";

    static byte[] hex(String text) {
        return HEX.parseHex(text.replaceAll("\\s", ""));
    }

    @Test
    void windowsSmbServerNegTokenInit2Hint() throws Exception {
        // Windows SMB NEGOTIATE response security blob (skelsec/Responder3, responder3/protocols/GSSAPI.py capture):
        // NegTokenInit2 with negHints.hintName "not_defined_in_RFC4178@please_ignore" (MS-SPNG §2.2.1).
        byte[] wire = hex(CapturedTokens.SMB_SERVER_NEG_TOKEN_INIT2);
        NegTokenInit init = (NegTokenInit) NegotiationToken.decode(wire);
        assertThat(init.mechTypes()).containsExactly(MS_KRB5, KRB5, NTLM);
        assertThat(init.negHints()).isPresent();
        assertThat(init.negHints().get().hintName()).contains("not_defined_in_RFC4178@please_ignore");
        assertThat(init.negHints().get().hintAddress()).isEmpty();
        assertThat(init.mechToken()).isEmpty();
        assertThat(init.mechListMic()).isEmpty();
        assertThat(init.reqFlags()).isEmpty();
        assertThat(init.encode()).isEqualTo(wire);
    }

    @Test
    void windowsSmbNtlmExchange() throws Exception {
        // The four SPNEGO tokens of an SMB session setup with NTLM (Responder3 capture, as above).
        byte[] negotiate = hex(CapturedTokens.SMB_CLIENT_NTLM_NEG_TOKEN_INIT);
        NegTokenInit init = (NegTokenInit) NegotiationToken.decode(negotiate);
        assertThat(init.mechTypes()).containsExactly(NTLM);
        assertThat(init.mechToken().get()).startsWith("NTLMSSP\0".getBytes(StandardCharsets.US_ASCII)).hasSize(40);
        assertThat(init.mechToken().get()[8]).isEqualTo((byte) 1);
        assertThat(init.encode()).isEqualTo(negotiate);
        assertThat(init.mechTypeListEncoding()).isEqualTo(hex("300c060a2b06010401823702020a"));

        byte[] challenge = hex(CapturedTokens.SMB_SERVER_NTLM_CHALLENGE);
        NegTokenResp resp = (NegTokenResp) NegotiationToken.decode(challenge);
        assertThat(resp.negState()).contains(NegState.ACCEPT_INCOMPLETE);
        assertThat(resp.supportedMech()).contains(NTLM);
        assertThat(resp.responseToken().get()).startsWith("NTLMSSP\0".getBytes(StandardCharsets.US_ASCII)).hasSize(138);
        assertThat(resp.responseToken().get()[8]).isEqualTo((byte) 2);
        assertThat(resp.mechListMic()).isEmpty();
        assertThat(resp.encode()).isEqualTo(challenge);

        byte[] authenticate = hex(CapturedTokens.SMB_CLIENT_NTLM_AUTHENTICATE);
        NegTokenResp auth = (NegTokenResp) NegotiationToken.decode(authenticate);
        assertThat(auth.negState()).isEmpty();
        assertThat(auth.supportedMech()).isEmpty();
        assertThat(auth.responseToken().get()).hasSize(182);
        assertThat(auth.responseToken().get()[8]).isEqualTo((byte) 3);
        assertThat(auth.encode()).isEqualTo(authenticate);

        byte[] done = hex("a1073005a0030a0100");
        assertThat(NegotiationToken.decode(done)).isEqualTo(new NegTokenResp(NegState.ACCEPT_COMPLETED, null, null, null));
        assertThat(new NegTokenResp(NegState.ACCEPT_COMPLETED, null, null, null).encode()).isEqualTo(done);
    }

    @Test
    void windowsKerberosAcceptCompletedWithApRep() throws Exception {
        // Windows answer to a Kerberos AP-REQ offered under the MS legacy OID (Responder3 capture): supportedMech is
        // 1.2.840.48018.1.2.2 and responseToken the AP-REP in its RFC 1964 InitialContextToken framing.
        byte[] wire = hex(CapturedTokens.SMB_SERVER_KERBEROS_AP_REP);
        NegTokenResp resp = (NegTokenResp) NegotiationToken.decode(wire);
        assertThat(resp.negState()).contains(NegState.ACCEPT_COMPLETED);
        assertThat(resp.supportedMech()).contains(MS_KRB5);
        assertThat(resp.responseToken().get()).hasSize(154).startsWith(hex("60819706092a864886f712010202"));
        assertThat(resp.encode()).isEqualTo(wire);
    }

    @Test
    void windowsNegotiateStreamWithMechListMic() throws Exception {
        // MS-NNS (NegotiateStream) handshake from a Windows client: Windows' mechTypes order (NTLM chosen by the
        // caller, then both Kerberos OIDs and NEGOEX) and the server's final token with an NTLM mechListMIC
        // (MS-NLMP §2.2.2.9.1 signature: version 1, checksum, sequence number 0).
        byte[] init = hex(CapturedTokens.NNS_CLIENT_NEG_TOKEN_INIT);
        NegTokenInit negTokenInit = (NegTokenInit) NegotiationToken.decode(init);
        assertThat(negTokenInit.mechTypes()).containsExactly(NTLM, MS_KRB5, KRB5, NEGOEX);
        assertThat(negTokenInit.mechToken().get()).hasSize(51);
        assertThat(negTokenInit.encode()).isEqualTo(init);

        byte[] done = hex(CapturedTokens.NNS_SERVER_ACCEPT_COMPLETED_WITH_MIC);
        NegTokenResp resp = (NegTokenResp) NegotiationToken.decode(done);
        assertThat(resp.negState()).contains(NegState.ACCEPT_COMPLETED);
        assertThat(resp.mechListMic().get()).isEqualTo(hex("01000000 70074c98877db815 00000000"));
        assertThat(resp.encode()).isEqualTo(done);
    }

    @Test
    void mechTypeListIsTheMicInput() {
        // The DER MechTypeList (RFC 4178 §5), as pyspnego packs it for [Kerberos, NTLM].
        assertThat(NegTokenInit.encodeMechTypeList(List.of(KRB5, NTLM)))
                .isEqualTo(hex("3017 06092a864886f712010202 060a2b06010401823702020a"));
    }

    @Test
    void negTokenRespEncoding() throws Exception {
        // Same DER as pyspnego's test_pack_neg_token_resp.
        NegTokenResp resp = new NegTokenResp(NegState.REQUEST_MIC, NTLM, hex("00000000"), hex("01010101"));
        byte[] expected = hex("a1253023a0030a0103a10c060a2b06010401823702020aa2060404000000 00a30604040101 0101");
        assertThat(resp.encode()).isEqualTo(expected);
        assertThat(NegotiationToken.decode(expected)).isEqualTo(resp);
        assertThat(NegTokenResp.reject().encode()).isEqualTo(hex("a1073005a0030a0102"));
    }

    @Test
    void roundTripsEveryField() throws Exception {
        NegTokenInit init = new NegTokenInit(List.of(KRB5, NTLM), EnumSet.of(ContextFlag.MUTUAL, ContextFlag.INTEG),
                hex("0102"), null, hex("0a0b"));
        byte[] wire = init.encode();
        // reqFlags: bits 1 and 6 -> 0x42 with one unused bit (X.690 §11.2.2)
        assertThat(HEX.formatHex(wire)).contains("a1040302" + "0142");
        assertThat(NegotiationToken.decode(wire)).isEqualTo(init);

        NegTokenInit init2 = new NegTokenInit(List.of(NEGOEX, NTLM), Set.of(), null,
                new NegHints("host@REALM", hex("c0a80001")), hex("ff"));
        NegTokenInit back = (NegTokenInit) NegotiationToken.decode(init2.encode());
        assertThat(back).isEqualTo(init2);
        assertThat(back.reqFlags()).contains(Set.of());
        assertThat(back.mechListMic()).contains(hex("ff"));

        for (NegState state : NegState.values()) {
            NegTokenResp resp = new NegTokenResp(state, MS_KRB5, new byte[300], new byte[16]);
            assertThat(NegotiationToken.decode(resp.encode())).isEqualTo(resp);
        }
        NegTokenResp empty = new NegTokenResp(null, null, null, null);
        assertThat(empty.encode()).isEqualTo(hex("a1023000"));
        assertThat(NegotiationToken.decode(empty.encode())).isEqualTo(empty);
    }

    @Test
    void accessorsReturnCopies() throws Exception {
        byte[] token = hex("0102");
        NegTokenInit init = NegTokenInit.of(List.of(NTLM), token);
        token[0] = 9;
        init.mechToken().get()[1] = 9;
        assertThat(init.mechToken()).contains(hex("0102"));
        assertThat(init.toString()).contains("2 bytes");
    }

    @Test
    void rejectsInvalidConstructorInput() {
        assertThatThrownBy(() -> NegTokenInit.of(List.of("1.3.x"), null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> NegTokenInit.of(List.of("1.40.2"), null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new NegTokenResp(null, "7", null, null)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void explainsForeignTokens() {
        assertThatThrownBy(() -> NegotiationToken.decode("NTLMSSP\0\1\0\0\0".getBytes(StandardCharsets.US_ASCII)))
                .isInstanceOf(MalformedTokenException.class).hasMessageContaining("raw NTLMSSP");
        byte[] kerberos = Der.tlv(Der.APPLICATION_0, Der.concat(Der.oid(KRB5), hex("0100"), Der.sequence()));
        assertThatThrownBy(() -> NegotiationToken.decode(kerberos))
                .isInstanceOf(MalformedTokenException.class).hasMessageContaining("Kerberos").hasMessageContaining(KRB5);
        byte[] bare = Der.explicit(0, Der.sequence(Der.explicit(0, NegTokenInit.encodeMechTypeList(List.of(NTLM)))));
        assertThatThrownBy(() -> NegotiationToken.decode(bare))
                .isInstanceOf(MalformedTokenException.class).hasMessageContaining("InitialContextToken");
        assertThatThrownBy(() -> NegotiationToken.decode(new byte[0])).isInstanceOf(MalformedTokenException.class);
        assertThatThrownBy(() -> NegotiationToken.decode(null)).isInstanceOf(MalformedTokenException.class);
    }

    @Test
    void rejectsNonCanonicalStructure() {
        byte[] state = Der.explicit(0, Der.enumerated(1));
        byte[] mech = Der.explicit(1, Der.oid(NTLM));
        assertThatThrownBy(() -> NegotiationToken.decode(Der.explicit(1, Der.sequence(mech, state))))
                .isInstanceOf(MalformedTokenException.class).hasMessageContaining("out of order");
        assertThatThrownBy(() -> NegotiationToken.decode(Der.explicit(1, Der.sequence(state, state))))
                .isInstanceOf(MalformedTokenException.class).hasMessageContaining("twice");
        assertThatThrownBy(() -> NegotiationToken.decode(Der.explicit(1, Der.sequence(Der.explicit(0, Der.enumerated(4))))))
                .isInstanceOf(MalformedTokenException.class).hasMessageContaining("negState 4");
        assertThatThrownBy(() -> NegotiationToken.decode(Der.explicit(1, Der.sequence(Der.explicit(0, Der.integer(1))))))
                .isInstanceOf(MalformedTokenException.class).hasMessageContaining("negState");
        assertThatThrownBy(() -> NegotiationToken.decode(Der.explicit(1, Der.sequence(Der.octetString(new byte[1])))))
                .isInstanceOf(MalformedTokenException.class).hasMessageContaining("EXPLICIT");
        byte[] trailing = Der.concat(NegTokenResp.reject().encode(), new byte[] {0});
        assertThatThrownBy(() -> NegotiationToken.decode(trailing)).isInstanceOf(MalformedTokenException.class);
        byte[] resp = NegTokenResp.reject().encode();
        byte[] truncated = java.util.Arrays.copyOf(resp, resp.length - 1);
        assertThatThrownBy(() -> NegotiationToken.decode(truncated)).isInstanceOf(MalformedTokenException.class);
    }

    @Test
    void skipsExtensionFieldsAfterTheKnownOnes() throws Exception {
        // Both structures end with the extension marker "...": unknown higher tags are ignored.
        byte[] wire = Der.explicit(1, Der.sequence(Der.explicit(0, Der.enumerated(0)), Der.explicit(9, Der.integer(5))));
        assertThat(NegotiationToken.decode(wire)).isEqualTo(new NegTokenResp(NegState.ACCEPT_COMPLETED, null, null, null));
    }
}
