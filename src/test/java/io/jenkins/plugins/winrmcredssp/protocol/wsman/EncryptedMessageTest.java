package io.jenkins.plugins.winrmcredssp.protocol.wsman;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.winrmcredssp.protocol.ProtocolException;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** [MS-WSMV] 2.2.9.1 framing with a fake sealer. */
class EncryptedMessageTest {
    private static final String CREDSSP_SINGLE =
            "multipart/encrypted;protocol=\"application/HTTP-CredSSP-session-encrypted\";boundary=\"Encrypted Boundary\"";

    @Test
    void smallMessageHasTheExactLayout() throws Exception {
        FakeSealer sealer = FakeSealer.credSsp();
        byte[] soap = "<s:Envelope/>".getBytes(StandardCharsets.UTF_8);
        EncryptedMessage.Encoded encoded = EncryptedMessage.credSsp(sealer).encode(soap);

        assertThat(encoded.contentType()).isEqualTo(CREDSSP_SINGLE);
        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        expected.writeBytes(("--Encrypted Boundary\r\n"
                + "\tContent-Type: application/HTTP-CredSSP-session-encrypted\r\n"
                + "\tOriginalContent: type=application/soap+xml;charset=UTF-8;Length=13\r\n"
                + "--Encrypted Boundary\r\n"
                + "\tContent-Type: application/octet-stream\r\n").getBytes(StandardCharsets.US_ASCII));
        expected.writeBytes(new byte[] {16, 0, 0, 0});
        expected.writeBytes(FakeSealer.credSsp().wrap(soap).data());
        expected.writeBytes("--Encrypted Boundary--\r\n".getBytes(StandardCharsets.US_ASCII));
        assertThat(encoded.body()).isEqualTo(expected.toByteArray());
    }

    @Test
    void a40960ByteMessageIsSplitInto16384_16384_8192() throws Exception {
        FakeSealer sealer = FakeSealer.credSsp();
        byte[] soap = randomBytes(40960, 1);
        EncryptedMessage.Encoded encoded = EncryptedMessage.credSsp(sealer).encode(soap);

        assertThat(encoded.contentType()).isEqualTo("multipart/x-multi-encrypted;protocol=\""
                + "application/HTTP-CredSSP-session-encrypted\";boundary=\"Encrypted Boundary\"");
        assertThat(lengths(encoded.body())).containsExactly(16384, 16384, 8192);
        assertThat(sealer.wrappedLengths).containsExactly(16384, 16384, 8192);
        String text = new String(encoded.body(), StandardCharsets.ISO_8859_1);
        assertThat(count(text, "\tContent-Type: application/octet-stream\r\n")).isEqualTo(3);
        assertThat(count(text, "--Encrypted Boundary--\r\n")).isEqualTo(1);
        assertThat(text).endsWith("--Encrypted Boundary--\r\n");
        assertThat(EncryptedMessage.credSsp(FakeSealer.credSsp()).decode(encoded.contentType(), encoded.body()))
                .isEqualTo(soap);
    }

    @Test
    void aTls13SessionSplitsAtItsOwnRecordLimit() throws Exception {
        FakeSealer sealer = FakeSealer.credSsp();
        byte[] soap = randomBytes(40960, 7);
        EncryptedMessage.Encoded encoded = EncryptedMessage.credSsp(sealer, 16367).encode(soap);

        assertThat(lengths(encoded.body())).containsExactly(16367, 16367, 8226);
        assertThat(sealer.wrappedLengths).allMatch(length -> length <= 16367);
        assertThat(EncryptedMessage.credSsp(FakeSealer.credSsp(), 16367).decode(encoded.contentType(), encoded.body()))
                .isEqualTo(soap);
        assertThatThrownBy(() -> EncryptedMessage.credSsp(sealer, 16385)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void exactly16384BytesIsOnePart() throws Exception {
        EncryptedMessage.Encoded encoded = EncryptedMessage.credSsp(FakeSealer.credSsp()).encode(randomBytes(16384, 2));
        assertThat(encoded.contentType()).startsWith("multipart/encrypted;");
        assertThat(lengths(encoded.body())).containsExactly(16384);
    }

    @Test
    void spnegoFlavourIsAlwaysOnePartWithItsProtocol() throws Exception {
        FakeSealer sealer = FakeSealer.spnego();
        byte[] soap = randomBytes(40960, 3);
        EncryptedMessage.Encoded encoded = EncryptedMessage.spnego(sealer).encode(soap);
        assertThat(encoded.contentType()).isEqualTo("multipart/encrypted;protocol=\""
                + "application/HTTP-SPNEGO-session-encrypted\";boundary=\"Encrypted Boundary\"");
        assertThat(lengths(encoded.body())).containsExactly(40960);
        assertThat(EncryptedMessage.spnego(FakeSealer.spnego()).decode(encoded.contentType(), encoded.body()))
                .isEqualTo(soap);
    }

    @Test
    void roundTripsAllSizesIncludingBoundaryLookalikesInThePlaintext() throws Exception {
        byte[] lookalike = "--Encrypted Boundary\r\n\tContent-Type: application/HTTP-CredSSP-session-encrypted\r\n"
                .getBytes(StandardCharsets.US_ASCII);
        for (int size : new int[] {0, 1, 100, 16383, 16384, 16385, 32768, 40960, 100_000}) {
            byte[] soap = randomBytes(size, size);
            for (int at = 0; at + lookalike.length <= size; at += 5000) {
                System.arraycopy(lookalike, 0, soap, at, lookalike.length);
            }
            EncryptedMessage.Encoded encoded = EncryptedMessage.credSsp(FakeSealer.credSsp()).encode(soap);
            assertThat(EncryptedMessage.credSsp(FakeSealer.credSsp()).decode(encoded.contentType(), encoded.body()))
                    .as("size %d", size).isEqualTo(soap);
        }
    }

    @Test
    void sealedBytesThatLookLikeABoundaryAreData() throws Exception {
        SessionSealer transparent = new SessionSealer() {
            @Override
            public String protocol() {
                return EncryptedMessage.CREDSSP_PROTOCOL;
            }

            @Override
            public Sealed wrap(byte[] plaintext) {
                return new Sealed(0, plaintext);
            }

            @Override
            public byte[] unwrap(Sealed sealed) {
                return sealed.data();
            }
        };
        byte[] soap = "-\r\n--\r\n---Encrypted Boundary\r\n--Encrypted Boundary\r\nnot a part header\r\n--Encrypted Boundar-"
                .getBytes(StandardCharsets.US_ASCII);
        for (int partLimit : new int[] {0, 1, 7, 16384}) {
            EncryptedMessage framing = new EncryptedMessage(transparent, partLimit);
            EncryptedMessage.Encoded encoded = framing.encode(soap);
            assertThat(framing.decode(encoded.contentType(), encoded.body())).as("parts of %d", partLimit).isEqualTo(soap);
        }
    }

    @Test
    void contentTypeParametersAreReadLeniently() throws Exception {
        byte[] soap = randomBytes(500, 4);
        EncryptedMessage.Encoded encoded = EncryptedMessage.credSsp(FakeSealer.credSsp()).encode(soap);
        String spaced = "Multipart/Encrypted; protocol=\"application/http-credssp-session-encrypted\"; "
                + "boundary=\"Encrypted Boundary\"";
        assertThat(EncryptedMessage.isEncrypted(spaced)).isTrue();
        assertThat(EncryptedMessage.credSsp(FakeSealer.credSsp()).decode(spaced, encoded.body())).isEqualTo(soap);
    }

    @Test
    void anUnencryptedAnswerIsRefused() {
        EncryptedMessage codec = EncryptedMessage.credSsp(FakeSealer.credSsp());
        byte[] plain = "<s:Envelope/>".getBytes(StandardCharsets.UTF_8);
        assertThat(EncryptedMessage.isEncrypted("application/soap+xml;charset=UTF-8")).isFalse();
        assertThatThrownBy(() -> codec.decode("application/soap+xml;charset=UTF-8", plain))
                .isInstanceOf(UnencryptedMessageException.class).hasMessageContaining("application/soap+xml");
        assertThatThrownBy(() -> codec.decode(null, plain)).isInstanceOf(UnencryptedMessageException.class);
    }

    @Test
    void anotherProtocolIsRefused() throws Exception {
        EncryptedMessage.Encoded spnego = EncryptedMessage.spnego(FakeSealer.spnego()).encode(new byte[10]);
        assertThatThrownBy(() -> EncryptedMessage.credSsp(FakeSealer.credSsp()).decode(spnego.contentType(),
                spnego.body())).isInstanceOf(MalformedEncryptedMessageException.class)
                .hasMessageContaining("HTTP-SPNEGO-session-encrypted");
    }

    @Test
    void aLengthThatDoesNotMatchTheDecryptedPartIsATypedError() throws Exception {
        EncryptedMessage.Encoded encoded = EncryptedMessage.credSsp(FakeSealer.credSsp()).encode(randomBytes(40960, 5));
        byte[] tampered = replaceFirst(encoded.body(), "Length=16384\r\n", "Length=16385\r\n");
        assertThatThrownBy(() -> EncryptedMessage.credSsp(FakeSealer.credSsp()).decode(encoded.contentType(),
                tampered)).isInstanceOfSatisfying(EncryptedLengthMismatchException.class, e -> {
                    assertThat(e.announced()).isEqualTo(16385);
                    assertThat(e.actual()).isEqualTo(16384);
                });
    }

    @Test
    void layoutErrorsAreTyped() throws Exception {
        EncryptedMessage codec = EncryptedMessage.credSsp(FakeSealer.credSsp());
        byte[] body = codec.encode(randomBytes(300, 6)).body();
        String text = new String(body, StandardCharsets.ISO_8859_1);
        List<byte[]> broken = new ArrayList<>();
        broken.add(Arrays.copyOf(body, body.length - 10));
        broken.add(replaceFirst(body, "OriginalContent: type=application/soap+xml;charset=UTF-8;Length=300",
                "OriginalContent: type=application/soap+xml;charset=UTF-8"));
        broken.add(replaceFirst(body, "Length=300", "Length=99999999999"));
        broken.add(replaceFirst(body, "application/octet-stream", "application/x-something"));
        broken.add(replaceFirst(body, "\tContent-Type: application/HTTP-CredSSP-session-encrypted",
                "\tContent-Type: text/plain"));
        int dataStart = text.indexOf("octet-stream\r\n") + "octet-stream\r\n".length();
        byte[] hugeTrailer = body.clone();
        hugeTrailer[dataStart + 3] = 0x7F;
        broken.add(hugeTrailer);
        broken.add(Arrays.copyOfRange(body, 5, body.length));
        broken.add(new byte[0]);
        for (byte[] candidate : broken) {
            assertThatThrownBy(() -> codec.decode(CREDSSP_SINGLE, candidate))
                    .isInstanceOf(MalformedEncryptedMessageException.class);
        }
    }

    /** Random truncation and corruption end in a typed error (framing, or the sealer's integrity check). */
    @Test
    void corruptedBodiesFailTyped() throws Exception {
        Random random = new Random(42);
        for (int round = 0; round < 400; round++) {
            byte[] soap = randomBytes(1 + random.nextInt(40000), round);
            EncryptedMessage.Encoded encoded = EncryptedMessage.credSsp(FakeSealer.credSsp()).encode(soap);
            byte[] body = encoded.body();
            byte[] mutated = round % 2 == 0 ? Arrays.copyOf(body, random.nextInt(body.length)) : body.clone();
            if (round % 2 == 1) {
                for (int flips = 1 + random.nextInt(3); flips > 0; flips--) {
                    mutated[random.nextInt(mutated.length)] ^= (byte) (1 + random.nextInt(255));
                }
            }
            try {
                byte[] decoded = EncryptedMessage.credSsp(FakeSealer.credSsp()).decode(encoded.contentType(), mutated);
                assertThat(decoded).as("only an unchanged message may decode").isEqualTo(soap);
            } catch (ProtocolException expected) {
                // typed: EncryptedMessageException or the sealer's own integrity failure
            }
        }
    }

    private static List<Integer> lengths(byte[] body) {
        Matcher matcher = Pattern.compile("OriginalContent: type=application/soap\\+xml;charset=UTF-8;Length=(\\d+)\r\n")
                .matcher(new String(body, StandardCharsets.ISO_8859_1));
        List<Integer> lengths = new ArrayList<>();
        while (matcher.find()) {
            lengths.add(Integer.parseInt(matcher.group(1)));
        }
        return lengths;
    }

    private static int count(String text, String needle) {
        int count = 0;
        for (int at = text.indexOf(needle); at >= 0; at = text.indexOf(needle, at + 1)) {
            count++;
        }
        return count;
    }

    private static byte[] replaceFirst(byte[] body, String from, String to) {
        String text = new String(body, StandardCharsets.ISO_8859_1);
        assertThat(text).contains(from);
        return text.replaceFirst(Pattern.quote(from), Matcher.quoteReplacement(to)).getBytes(StandardCharsets.ISO_8859_1);
    }

    private static byte[] randomBytes(int size, long seed) {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }
}
