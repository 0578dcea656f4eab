package io.jenkins.plugins.winrmcredssp.protocol.wsman.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.winrmcredssp.protocol.wsman.EncryptedMessage;
import io.jenkins.plugins.winrmcredssp.protocol.wsman.SessionSealer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** MS-WSMV §2.2.9.1.1 payload layout produced from a GSS-API wrap token. */
class SecurityContextSealingTest {

    @Test
    void signatureLengthIsTheWrapTokenMinusThePlaintext() throws Exception {
        GcmTestContext client = new GcmTestContext(false, "x");
        GcmTestContext server = new GcmTestContext(true, "x");
        server.step(client.step(null));
        server.step(client.step("CHALLENGE".getBytes(StandardCharsets.US_ASCII)));
        byte[] plaintext = "<s:Envelope/>".getBytes(StandardCharsets.UTF_8);

        SessionSealer.Sealed sealed = new SecurityContextSealing(client).wrap(plaintext);

        assertThat(sealed.trailerLength()).isEqualTo(16);
        assertThat(sealed.data()).hasSize(16 + plaintext.length);
        assertThat(new SecurityContextSealing(server).unwrap(sealed)).isEqualTo(plaintext);
    }

    @Test
    void framedBodyStartsWithTheSignatureLength() throws Exception {
        GcmTestContext client = new GcmTestContext(false, "x");
        client.step(null);
        client.step("CHALLENGE".getBytes(StandardCharsets.US_ASCII));

        EncryptedMessage.Encoded encoded = EncryptedMessage.spnego(new SecurityContextSealing(client)).encode(new byte[5]);

        String head = "--Encrypted Boundary\r\n\tContent-Type: application/HTTP-SPNEGO-session-encrypted\r\n"
                + "\tOriginalContent: type=application/soap+xml;charset=UTF-8;Length=5\r\n"
                + "--Encrypted Boundary\r\n\tContent-Type: application/octet-stream\r\n";
        byte[] body = encoded.body();
        assertThat(new String(body, 0, head.length(), StandardCharsets.ISO_8859_1)).isEqualTo(head);
        assertThat(Arrays.copyOfRange(body, head.length(), head.length() + 4)).containsExactly(16, 0, 0, 0);
    }
}
