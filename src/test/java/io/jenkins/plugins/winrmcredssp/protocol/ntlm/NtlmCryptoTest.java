package io.jenkins.plugins.winrmcredssp.protocol.ntlm;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.winrmcredssp.protocol.ntlm.av.AvId;
import io.jenkins.plugins.winrmcredssp.protocol.ntlm.av.AvPair;
import io.jenkins.plugins.winrmcredssp.protocol.ntlm.av.TargetInfo;
import io.jenkins.plugins.winrmcredssp.protocol.ntlm.messages.NtlmV2ClientChallenge;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The NTLMv2 example of MS-NLMP §4.2.4, with the common values of §4.2.1. */
class NtlmCryptoTest {
    private static final HexFormat HEX = HexFormat.of();

    // §4.2.1 Common Values
    static final String USER = "User";
    static final String USER_DOM = "Domain";
    static final char[] PASSWORD = "Password".toCharArray();
    static final byte[] RANDOM_SESSION_KEY = HEX.parseHex("55555555555555555555555555555555");
    static final long TIME = 0;
    static final byte[] CLIENT_CHALLENGE = HEX.parseHex("aaaaaaaaaaaaaaaa");
    static final byte[] SERVER_CHALLENGE = HEX.parseHex("0123456789abcdef");

    /** §4.2.4 AV pairs: MsvAvNbDomainName "Domain", MsvAvNbComputerName "Server". */
    static NtlmV2ClientChallenge temp() {
        return new NtlmV2ClientChallenge(TIME, CLIENT_CHALLENGE, TargetInfo.of(List.of(
                AvPair.text(AvId.MSV_AV_NB_DOMAIN_NAME, "Domain"),
                AvPair.text(AvId.MSV_AV_NB_COMPUTER_NAME, "Server"))));
    }

    private static byte[] responseKeyNT() {
        return NtlmCrypto.ntowfv2(PASSWORD, USER, USER_DOM);
    }

    @Test
    void ntowfv2() {
        // §4.2.4.1.1 NTOWFv2() and LMOWFv2()
        assertThat(HEX.formatHex(responseKeyNT())).isEqualTo("0c868a403bfd7a93a3001ef22ef02e3f");
    }

    @Test
    void ntHashIsMd4OfUtf16Password() {
        // §4.2.2.1.2 NTOWFv1()
        assertThat(HEX.formatHex(NtlmCrypto.ntHash(PASSWORD))).isEqualTo("a4f49c406510bdcab6824ee7c30fd852");
    }

    @Test
    void tempMatchesTheSpecLayout() {
        // §4.2.4.1.3 temp (§3.3.2): 0x01 0x01 Z(6) Time ClientChallenge Z(4) ServerName Z(4)
        assertThat(HEX.formatHex(temp().encode())).isEqualTo(
                "0101000000000000" + "0000000000000000" + "aaaaaaaaaaaaaaaa" + "00000000"
                        + "02000c0044006f006d00610069006e00" + "01000c0053006500720076006500720000000000"
                        + "00000000");
    }

    @Test
    void computeResponse() {
        NtlmCrypto.ResponseV2 response = NtlmCrypto.computeResponse(responseKeyNT(), SERVER_CHALLENGE, temp());
        // §4.2.4.2.2 NTLMv2 Response: NTProofStr
        assertThat(HEX.formatHex(response.ntProofStr())).isEqualTo("68cd0ab851e51c96aabc927bebef6a1c");
        // §4.2.4.2.2: NtChallengeResponse = NTProofStr || temp
        assertThat(HEX.formatHex(response.ntChallengeResponse()))
                .isEqualTo("68cd0ab851e51c96aabc927bebef6a1c" + HEX.formatHex(temp().encode()));
        // §4.2.4.2.1 LMv2 Response
        assertThat(HEX.formatHex(response.lmChallengeResponse()))
                .isEqualTo("86c35097ac9cec102554764a57cccc19aaaaaaaaaaaaaaaa");
        // §4.2.4.1.2 Session Base Key
        assertThat(HEX.formatHex(response.sessionBaseKey())).isEqualTo("8de40ccadbc14a82f15cb0ad0de95ca3");
    }

    @Test
    void encryptedRandomSessionKey() {
        byte[] sessionBaseKey = NtlmCrypto.computeResponse(responseKeyNT(), SERVER_CHALLENGE, temp()).sessionBaseKey();
        byte[] keyExchangeKey = NtlmCrypto.kxkey(sessionBaseKey);
        // §4.2.4.1.2: KeyExchangeKey is the SessionBaseKey for NTLMv2 (§3.4.5.1)
        assertThat(keyExchangeKey).isEqualTo(sessionBaseKey);
        // §4.2.4.2.3 Encrypted Session Key
        assertThat(HEX.formatHex(NtlmCrypto.rc4k(keyExchangeKey, RANDOM_SESSION_KEY)))
                .isEqualTo("c5dad2544fc9799094ce1ce90bc9d03e");
    }

    @Test
    void sealedPlaintextAndSignature() throws Exception {
        EnumSet<NegotiateFlag> flags = EnumSet.of(NegotiateFlag.NEGOTIATE_SEAL, NegotiateFlag.NEGOTIATE_SIGN,
                NegotiateFlag.NEGOTIATE_EXTENDED_SESSIONSECURITY, NegotiateFlag.NEGOTIATE_KEY_EXCH,
                NegotiateFlag.NEGOTIATE_128);
        try (NtlmSessionSecurity client = new NtlmSessionSecurity(flags, RANDOM_SESSION_KEY, true)) {
            byte[][] sealed = client.seal("Plaintext".getBytes(StandardCharsets.UTF_16LE));
            // §4.2.4.4 GSS_WrapEx Examples: Data
            assertThat(HEX.formatHex(sealed[0])).isEqualTo("54e50165bf1936dc996020c1811b0f06fb5f");
            // §4.2.4.4: Checksum 7fb38ec5c55d4976 in the signature with version 1 and SeqNum 0
            assertThat(HEX.formatHex(sealed[1])).isEqualTo("010000007fb38ec5c55d497600000000");
        }
    }

    @Test
    void signAndSealKeysFollowTheMagicConstants() {
        // §3.4.5.2 SIGNKEY / §3.4.5.3 SEALKEY over the §4.2.1 RandomSessionKey (values agree with pyspnego's tests)
        assertThat(HEX.formatHex(NtlmCrypto.signkey(RANDOM_SESSION_KEY, true)))
                .isEqualTo("4788dc861b4782f35d43fd98fe1a2d39");
        assertThat(HEX.formatHex(NtlmCrypto.signkey(RANDOM_SESSION_KEY, false)))
                .isEqualTo("d04d6f10741041d1d246d64188d7a8ad");
        assertThat(HEX.formatHex(NtlmCrypto.sealkey(EnumSet.of(NegotiateFlag.NEGOTIATE_128), RANDOM_SESSION_KEY,
                true))).isEqualTo("59f600973cc4960a25480a7c196e4c58");
        assertThat(HEX.formatHex(NtlmCrypto.sealkey(EnumSet.of(NegotiateFlag.NEGOTIATE_128), RANDOM_SESSION_KEY,
                false))).isEqualTo("9355f3a957c1583d25c4c2f11e40390e");
        assertThat(HEX.formatHex(NtlmCrypto.sealkey(EnumSet.of(NegotiateFlag.NEGOTIATE_56), RANDOM_SESSION_KEY,
                true))).isEqualTo("a5f7253c1065e8d3d68642040e71cfe0");
        assertThat(HEX.formatHex(NtlmCrypto.sealkey(EnumSet.noneOf(NegotiateFlag.class), RANDOM_SESSION_KEY,
                true))).isEqualTo("42f964a471091a02ff4a77455366e4e5");
    }

    @Test
    void filetime() {
        assertThat(NtlmCrypto.filetime(Instant.EPOCH)).isEqualTo(116_444_736_000_000_000L);
        assertThat(NtlmCrypto.filetime(Instant.parse("1601-01-01T00:00:00Z"))).isZero();
    }

    @Test
    void negotiateFlagsRoundTrip() {
        // §2.2.2.5: the §4.2.4 flags 0xe28a8233 decode to their bits and back
        int wire = 0xe28a8233;
        assertThat(NegotiateFlag.toWire(NegotiateFlag.fromWire(wire))).isEqualTo(wire);
        assertThat(NegotiateFlag.fromWire(wire)).contains(NegotiateFlag.NEGOTIATE_KEY_EXCH,
                NegotiateFlag.NEGOTIATE_EXTENDED_SESSIONSECURITY, NegotiateFlag.NEGOTIATE_TARGET_INFO);
    }
}
