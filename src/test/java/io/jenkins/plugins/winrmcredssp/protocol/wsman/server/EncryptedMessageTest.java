package io.jenkins.plugins.winrmcredssp.protocol.wsman.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.winrmcredssp.protocol.codec.MalformedTokenException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** MS-WSMV §2.2.9.1 framing, with a transparent sealing so the layout itself is visible. */
class EncryptedMessageTest {

    /** Payload = 4-byte length 0, then the plaintext reversed (so decoding must really run). */
    private record Reversing(String protocol, int maxPlaintextPerPart) implements MessageSealing {
        @Override
        public byte[] seal(byte[] plaintext) {
            byte[] out = new byte[4 + plaintext.length];
            for (int i = 0; i < plaintext.length; i++) {
                out[4 + i] = plaintext[plaintext.length - 1 - i];
            }
            return out;
        }

        @Override
        public byte[] unseal(byte[] payload) {
            byte[] out = new byte[payload.length - 4];
            for (int i = 0; i < out.length; i++) {
                out[i] = payload[payload.length - 1 - i];
            }
            return out;
        }
    }

    private static final MessageSealing SPNEGO = new Reversing(SecurityContextSealing.SPNEGO_PROTOCOL, Integer.MAX_VALUE);
    private static final MessageSealing CREDSSP = new Reversing("application/HTTP-CredSSP-session-encrypted", 16384);

    @Test
    void layoutMatchesMsWsmv() throws Exception {
        byte[] body = EncryptedMessage.encode(SPNEGO, "hello".getBytes(StandardCharsets.US_ASCII));

        assertThat(new String(body, StandardCharsets.ISO_8859_1)).isEqualTo("--Encrypted Boundary\r\n"
                + "\tContent-Type: application/HTTP-SPNEGO-session-encrypted\r\n"
                + "\tOriginalContent: type=application/soap+xml;charset=UTF-8;Length=5\r\n"
                + "--Encrypted Boundary\r\n"
                + "\tContent-Type: application/octet-stream\r\n"
                + "\0\0\0\0olleh--Encrypted Boundary--\r\n");
        assertThat(EncryptedMessage.contentType(SPNEGO, 5)).isEqualTo(
                "multipart/encrypted;protocol=\"application/HTTP-SPNEGO-session-encrypted\";boundary=\"Encrypted Boundary\"");
        assertThat(EncryptedMessage.decode(EncryptedMessage.contentType(SPNEGO, 5), body, SPNEGO))
                .isEqualTo("hello".getBytes(StandardCharsets.US_ASCII));
    }

    @Test
    void longCredSspMessagesSplitInto16KiBParts() throws Exception {
        byte[] message = new byte[40960];
        Arrays.fill(message, (byte) 'm');

        byte[] body = EncryptedMessage.encode(CREDSSP, message);
        String contentType = EncryptedMessage.contentType(CREDSSP, message.length);

        assertThat(contentType).startsWith("multipart/x-multi-encrypted;protocol=\"application/HTTP-CredSSP-session-encrypted\"");
        Matcher lengths = Pattern.compile("Length=(\\d+)").matcher(new String(body, StandardCharsets.ISO_8859_1));
        List<String> found = new ArrayList<>();
        while (lengths.find()) {
            found.add(lengths.group(1));
        }
        assertThat(found).containsExactly("16384", "16384", "8192");
        assertThat(EncryptedMessage.decode(contentType, body, CREDSSP)).isEqualTo(message);
    }

    @Test
    void refusesMismatchedLengthProtocolAndTruncation() throws Exception {
        String type = EncryptedMessage.contentType(SPNEGO, 5);
        byte[] body = EncryptedMessage.encode(SPNEGO, "hello".getBytes(StandardCharsets.US_ASCII));
        byte[] lying = new String(body, StandardCharsets.ISO_8859_1).replace("Length=5", "Length=6").getBytes(StandardCharsets.ISO_8859_1);

        assertThatThrownBy(() -> EncryptedMessage.decode(type, lying, SPNEGO))
                .isInstanceOf(MalformedTokenException.class).hasMessageContaining("Length=6");
        assertThatThrownBy(() -> EncryptedMessage.decode(type, body, CREDSSP))
                .isInstanceOf(MalformedTokenException.class).hasMessageContaining("does not match");
        assertThatThrownBy(() -> EncryptedMessage.decode(type, Arrays.copyOf(body, body.length - 30), SPNEGO))
                .isInstanceOf(MalformedTokenException.class).hasMessageContaining("closing boundary");
        assertThatThrownBy(() -> EncryptedMessage.decode(type, "junk".getBytes(StandardCharsets.US_ASCII), SPNEGO))
                .isInstanceOf(MalformedTokenException.class).hasMessageContaining("does not start");
        assertThatThrownBy(() -> EncryptedMessage.decode("application/soap+xml", body, SPNEGO))
                .isInstanceOf(MalformedTokenException.class);
    }

    @Test
    void securityContextSealingPutsTheSignatureLengthFirst() throws Exception {
        GcmTestContext client = new GcmTestContext(false, "x");
        GcmTestContext server = new GcmTestContext(true, "x");
        server.step(client.step(null));
        server.step(client.step("CHALLENGE".getBytes(StandardCharsets.US_ASCII)));
        byte[] plaintext = "<s:Envelope/>".getBytes(StandardCharsets.UTF_8);

        byte[] payload = new SecurityContextSealing(client).seal(plaintext);

        assertThat(Arrays.copyOf(payload, 4)).containsExactly(16, 0, 0, 0);
        assertThat(payload).hasSize(4 + 16 + plaintext.length);
        assertThat(new SecurityContextSealing(server).unseal(payload)).isEqualTo(plaintext);
        byte[] badLength = payload.clone();
        badLength[1] = 0x7f;
        assertThatThrownBy(() -> new SecurityContextSealing(server).unseal(badLength))
                .isInstanceOf(MalformedTokenException.class).hasMessageContaining("signature length");
    }
}
