package io.jenkins.plugins.winrmcredssp.protocol.credssp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.winrmcredssp.protocol.codec.Der;
import io.jenkins.plugins.winrmcredssp.protocol.codec.MalformedTokenException;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class TsCredentialsTest {
    private static final HexFormat HEX = HexFormat.of();

    @Test
    void passwordCredentialsMatchTheSpecLayout() throws Exception {
        // MS-CSSP §2.2.1.2 / §2.2.1.2.1, strings UTF-16LE
        TsPasswordCreds creds = new TsPasswordCreds("D", "u", "p".toCharArray());
        byte[] encoded = TsCredentials.password(creds).encode();
        String inner = "3012" + "a0040402" + "4400" + "a1040402" + "7500" + "a2040402" + "7000";
        assertThat(HEX.formatHex(encoded)).isEqualTo("301d" + "a003020101" + "a1160414" + inner);
    }

    @Test
    void roundTripKeepsUnicodeAndWipes() throws Exception {
        char[] password = "Pässwörd€!".toCharArray();
        TsPasswordCreds creds = new TsPasswordCreds("EXAMPLE", "alice", password);
        TsCredentials credentials = TsCredentials.password(creds);
        byte[] encoded = credentials.encode();

        TsCredentials decoded = TsCredentials.decode(encoded);
        assertThat(decoded.credType()).isEqualTo(TsCredentials.PASSWORD);
        TsPasswordCreds back = decoded.passwordCreds();
        assertThat(back.domainName()).isEqualTo("EXAMPLE");
        assertThat(back.userName()).isEqualTo("alice");
        assertThat(back.password()).isEqualTo(password);

        back.destroy();
        assertThat(back.isDestroyed()).isTrue();
        assertThatThrownBy(back::password).isInstanceOf(IllegalStateException.class);
        credentials.destroy();
        assertThatThrownBy(credentials::encode).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void secretEncodingWipesTheBuffersItConsumed() {
        byte[] password = {0x70, 0x00, 0x77, 0x00};
        byte[] element = SecretDer.tlv(Der.OCTET_STRING, password);
        assertThat(element).containsExactly(0x04, 0x04, 0x70, 0x00, 0x77, 0x00);
        assertThat(password).containsOnly(0);
        byte[] wrapped = SecretDer.tlv(Der.context(2), element);
        assertThat(element).containsOnly(0);
        assertThat(wrapped).hasSize(8);
    }

    @Test
    void toStringNeverShowsThePassword() {
        TsPasswordCreds creds = new TsPasswordCreds("EXAMPLE", "alice", "Secret-123".toCharArray());
        assertThat(creds.toString()).isEqualTo("TSPasswordCreds[EXAMPLE\\alice, password=****]").doesNotContain("Secret");
        assertThat(TsCredentials.password(creds).toString()).doesNotContain("Secret");
        assertThat(new String(TsCredentials.password(creds).toString().getBytes(), StandardCharsets.UTF_8))
                .isEqualTo("TSCredentials[credType=1]");
    }

    @Test
    void rejectsMalformed() {
        assertThatThrownBy(() -> TsCredentials.decode(HEX.parseHex("3005a003020101")))
                .isInstanceOf(MalformedTokenException.class).hasMessageContaining("credentials [1]");
        assertThatThrownBy(() -> new TsCredentials(2, new byte[0]).passwordCreds())
                .isInstanceOf(MalformedTokenException.class).hasMessageContaining("credType 2");
        assertThatThrownBy(() -> TsPasswordCreds.decode(HEX.parseHex("3010a0040402" + "4400" + "a1040402" + "7500" + "a3020400")))
                .isInstanceOf(MalformedTokenException.class);
        assertThatThrownBy(() -> TsPasswordCreds.decode(HEX.parseHex("300da0020400a1020400a2030401" + "70")))
                .isInstanceOf(MalformedTokenException.class).hasMessageContaining("odd");
    }

    @Test
    void randomMutationsOnlyGiveTypedErrors() {
        byte[] valid = TsCredentials.password(new TsPasswordCreds("EXAMPLE", "alice", "pw".toCharArray())).encode();
        TsRequestTest.fuzz(valid, 20_000, data -> TsCredentials.decode(data).passwordCreds());
    }
}
