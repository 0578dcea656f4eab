package io.jenkins.plugins.winrmcredssp.protocol.credssp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.winrmcredssp.protocol.ProtocolException;
import io.jenkins.plugins.winrmcredssp.protocol.codec.MalformedTokenException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.api.Test;

class TsRequestTest {
    private static final HexFormat HEX = HexFormat.of();

    @Test
    void negotiateRequestMatchesTheSpecLayout() throws Exception {
        // MS-CSSP §2.2.1: SEQUENCE { [0] INTEGER 6, [1] SEQUENCE OF SEQUENCE { [0] OCTET STRING } }
        byte[] encoded = TsRequest.builder(6).negoToken(HEX.parseHex("4e544c4d")).build().encode();
        assertThat(HEX.formatHex(encoded)).isEqualTo("3013" + "a003020106" + "a10c300a3008a0060404" + "4e544c4d");
        TsRequest decoded = TsRequest.decode(encoded);
        assertThat(decoded.version()).isEqualTo(6);
        assertThat(decoded.negoToken()).containsExactly(HEX.parseHex("4e544c4d"));
        assertThat(decoded.authInfo()).isNull();
        assertThat(decoded.errorCode()).isEmpty();
    }

    @Test
    void allFieldsRoundTrip() throws Exception {
        byte[] nonce = new byte[32];
        Arrays.fill(nonce, (byte) 7);
        TsRequest request = TsRequest.builder(6).negoToken(new byte[] {1}).negoToken(new byte[300])
                .authInfo(new byte[] {2, 3}).pubKeyAuth(new byte[70000]).errorCode(0xC000006DL).clientNonce(nonce).build();
        TsRequest decoded = TsRequest.decode(request.encode());
        assertThat(decoded.negoTokens()).hasSize(2);
        assertThat(decoded.negoTokens().get(1)).hasSize(300);
        assertThat(decoded.authInfo()).containsExactly(2, 3);
        assertThat(decoded.pubKeyAuth()).hasSize(70000);
        assertThat(decoded.errorCode()).hasValue(0xC000006DL);
        assertThat(decoded.clientNonce()).isEqualTo(nonce);
        assertThat(decoded.encode()).isEqualTo(request.encode());
    }

    @Test
    void errorCodeIsSentSignedAndReadEitherWay() throws Exception {
        byte[] encoded = TsRequest.builder(6).errorCode(0xC000006DL).build().encode();
        // FreeRDP and Windows send the NTSTATUS as a 4-byte (negative) INTEGER
        assertThat(HEX.formatHex(encoded)).isEqualTo("300d" + "a003020106" + "a4060204c000006d");
        // A 5-byte positive form, as an unsigned encoder would write it, reads the same
        TsRequest unsigned = TsRequest.decode(HEX.parseHex("300e" + "a003020106" + "a407020500c000006d"));
        assertThat(unsigned.errorCode()).hasValue(0xC000006DL);
        assertThat(unsigned.toString()).contains("0xC000006D STATUS_LOGON_FAILURE");
    }

    @Test
    void rejectsStructuralErrors() {
        assertThatThrownBy(() -> TsRequest.decode(HEX.parseHex("3000")))
                .isInstanceOf(MalformedTokenException.class).hasMessageContaining("version [0] missing");
        assertThatThrownBy(() -> TsRequest.decode(HEX.parseHex("300aa1033001" + "00" + "a003020106")))
                .isInstanceOf(MalformedTokenException.class);
        assertThatThrownBy(() -> TsRequest.decode(HEX.parseHex("300a" + "a003020106" + "a003020106")))
                .isInstanceOf(MalformedTokenException.class).hasMessageContaining("out of order");
        assertThatThrownBy(() -> TsRequest.decode(HEX.parseHex("3007" + "a003020106" + "a600")))
                .isInstanceOf(MalformedTokenException.class).hasMessageContaining("unexpected field");
        assertThatThrownBy(() -> TsRequest.decode(HEX.parseHex("3005" + "a003020100")))
                .isInstanceOf(MalformedTokenException.class).hasMessageContaining("version 0");
        assertThatThrownBy(() -> TsRequest.decode(HEX.parseHex("300e" + "a003020106" + "a4070205010000006d")))
                .isInstanceOf(MalformedTokenException.class).hasMessageContaining("32-bit");
    }

    @Test
    void toStringShowsNoTokenBytes() {
        String text = TsRequest.builder(6).authInfo("secret".getBytes()).negoToken(new byte[] {0x41, 0x42}).build().toString();
        assertThat(text).isEqualTo("TSRequest[version=6, negoTokens=1, authInfo]");
    }

    @Test
    void randomMutationsOnlyGiveTypedErrors() {
        byte[] valid = TsRequest.builder(6).negoToken(new byte[40]).pubKeyAuth(new byte[30]).errorCode(5)
                .clientNonce(new byte[32]).build().encode();
        fuzz(valid, 20_000, TsRequest::decode);
    }

    interface Decoder {
        void decode(byte[] data) throws ProtocolException;
    }

    /** Mutates bytes and truncates with a fixed seed; anything but a ProtocolException fails the test. */
    static void fuzz(byte[] valid, int iterations, Decoder decoder) {
        Random random = new Random(20260101L);
        for (int i = 0; i < iterations; i++) {
            byte[] mutated = valid.clone();
            int edits = 1 + random.nextInt(4);
            for (int e = 0; e < edits; e++) {
                mutated[random.nextInt(mutated.length)] = (byte) random.nextInt(256);
            }
            if (random.nextInt(4) == 0) {
                mutated = Arrays.copyOf(mutated, random.nextInt(mutated.length));
            }
            try {
                decoder.decode(mutated);
            } catch (ProtocolException expected) {
                // a typed error is the only acceptable failure
            }
        }
    }
}
