package io.jenkins.plugins.winrmcredssp.protocol.ntlm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** Session security with extended session security, MS-NLMP §3.4. */
class NtlmSessionSecurityTest {
    private static final HexFormat HEX = HexFormat.of();
    private static final byte[] KEY = NtlmCryptoTest.RANDOM_SESSION_KEY;
    private static final byte[] PLAINTEXT = "Plaintext".getBytes(StandardCharsets.UTF_16LE);

    private static EnumSet<NegotiateFlag> flags(NegotiateFlag... extra) {
        EnumSet<NegotiateFlag> flags = EnumSet.of(NegotiateFlag.NEGOTIATE_SIGN, NegotiateFlag.NEGOTIATE_SEAL,
                NegotiateFlag.NEGOTIATE_EXTENDED_SESSIONSECURITY, NegotiateFlag.NEGOTIATE_128);
        flags.addAll(java.util.List.of(extra));
        return flags;
    }

    @Test
    void withoutKeyExchangeTheChecksumIsNotEncrypted() throws Exception {
        try (NtlmSessionSecurity client = new NtlmSessionSecurity(flags(), KEY, true)) {
            byte[][] sealed = client.seal(PLAINTEXT);
            // §3.4.3 SEAL: the same key stream as §4.2.4.4 for the data
            assertThat(HEX.formatHex(sealed[0])).isEqualTo("54e50165bf1936dc996020c1811b0f06fb5f");
            // §3.4.4.2 without NEGOTIATE_KEY_EXCH: the plain HMAC checksum (agrees with pyspnego's tests)
            assertThat(HEX.formatHex(sealed[1])).isEqualTo("0100000070352851f256430900000000");
        }
    }

    @Test
    void wrapIsSignatureThenSealedDataAndUnwrapsOnTheOtherSide() throws Exception {
        EnumSet<NegotiateFlag> flags = flags(NegotiateFlag.NEGOTIATE_KEY_EXCH);
        try (NtlmSessionSecurity client = new NtlmSessionSecurity(flags, KEY, true);
                NtlmSessionSecurity server = new NtlmSessionSecurity(flags, KEY, false)) {
            byte[] wrapped = client.wrap(PLAINTEXT);
            assertThat(HEX.formatHex(wrapped)).isEqualTo("010000007fb38ec5c55d497600000000"
                    + "54e50165bf1936dc996020c1811b0f06fb5f");
            assertThat(server.unwrap(wrapped)).isEqualTo(PLAINTEXT);
            byte[] signature = server.sign(PLAINTEXT);
            client.verify(PLAINTEXT, signature);
            assertThat(signature).hasSize(16);
        }
    }

    @Test
    void perDirectionResetKeepsTheOtherDirection() throws Exception {
        EnumSet<NegotiateFlag> flags = flags(NegotiateFlag.NEGOTIATE_KEY_EXCH);
        try (NtlmSessionSecurity client = new NtlmSessionSecurity(flags, KEY, true);
                NtlmSessionSecurity server = new NtlmSessionSecurity(flags, KEY, false)) {
            server.verify(PLAINTEXT, client.sign(PLAINTEXT));
            client.resetCryptoState(true);
            server.resetCryptoState(false);
            client.verify(PLAINTEXT, server.sign(PLAINTEXT));
            assertThat(server.unwrap(client.wrap(PLAINTEXT))).isEqualTo(PLAINTEXT);
        }
    }

    @Test
    void refusals() throws Exception {
        try (NtlmSessionSecurity signOnly = new NtlmSessionSecurity(EnumSet.of(NegotiateFlag.NEGOTIATE_SIGN,
                NegotiateFlag.NEGOTIATE_EXTENDED_SESSIONSECURITY), KEY, true)) {
            assertThatThrownBy(() -> signOnly.wrap(PLAINTEXT)).isInstanceOf(NtlmException.class)
                    .hasMessageContaining("NEGOTIATE_SEAL was not negotiated");
            assertThatThrownBy(() -> signOnly.verify(PLAINTEXT, new byte[3])).isInstanceOf(NtlmIntegrityException.class)
                    .hasMessageContaining("16 bytes");
        }
        try (NtlmSessionSecurity server = new NtlmSessionSecurity(flags(), KEY, false)) {
            assertThatThrownBy(() -> server.unwrap(new byte[10])).isInstanceOf(NtlmException.class)
                    .hasMessageContaining("shorter than the 16-byte signature");
        }
        assertThatThrownBy(() -> new NtlmSessionSecurity(EnumSet.of(NegotiateFlag.NEGOTIATE_SIGN), KEY, true))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
