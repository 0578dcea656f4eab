package io.jenkins.plugins.winrmcredssp.protocol.credssp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class PubKeyAuthTest {
    private static final byte[] KEY = HexFormat.of().parseHex("ff3082010a0282010100");
    private static final byte[] NONCE = new byte[32];

    @Test
    void versionsTwoToFourUseTheKeyAndTheKeyPlusOne() {
        // MS-CSSP §3.1.5 step 3 (version 2-4): the server increments the first byte (mod 256)
        for (int version = 2; version <= 4; version++) {
            assertThat(PubKeyAuth.clientValue(version, null, KEY)).isEqualTo(KEY);
            byte[] server = PubKeyAuth.serverValue(version, null, KEY);
            assertThat(server[0]).isEqualTo((byte) 0x00);
            assertThat(server).endsWith(HexFormat.of().parseHex("3082010a0282010100"));
        }
    }

    @Test
    void versionFiveOnHashesMagicNonceAndKey() throws Exception {
        // MS-CSSP §3.1.5 step 3 (version 5+): SHA256(magic || nonce || subjectPublicKey), magic NUL-terminated
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        sha.update("CredSSP Client-To-Server Binding Hash".getBytes(StandardCharsets.US_ASCII));
        sha.update((byte) 0);
        sha.update(NONCE);
        assertThat(PubKeyAuth.clientValue(6, NONCE, KEY)).isEqualTo(sha.digest(KEY));
        sha.update("CredSSP Server-To-Client Binding Hash".getBytes(StandardCharsets.US_ASCII));
        sha.update((byte) 0);
        sha.update(NONCE);
        assertThat(PubKeyAuth.serverValue(5, NONCE, KEY)).isEqualTo(sha.digest(KEY));
        assertThatThrownBy(() -> PubKeyAuth.clientValue(6, new byte[16], KEY)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void matchesNeedsEqualContent() {
        assertThat(PubKeyAuth.matches(KEY, KEY.clone())).isTrue();
        assertThat(PubKeyAuth.matches(KEY, null)).isFalse();
        assertThat(PubKeyAuth.matches(KEY, new byte[KEY.length])).isFalse();
    }
}
