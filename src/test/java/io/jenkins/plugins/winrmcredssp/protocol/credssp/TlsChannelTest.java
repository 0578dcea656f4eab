package io.jenkins.plugins.winrmcredssp.protocol.credssp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.winrmcredssp.protocol.codec.Der;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.interfaces.RSAPublicKey;
import java.util.Arrays;
import javax.net.ssl.SSLException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class TlsChannelTest {

    @ParameterizedTest
    // TLS 1.2 AES-GCM: 16-byte tag. TLS 1.3: content type + tag = 17, plus the 16 zero padding bytes the JDK adds
    @CsvSource({"TLSv1.2, 16", "TLSv1.3, 33"})
    void oneRecordPerWrapWithItsTrailerLength(String protocol, int trailer) throws Exception {
        TlsChannel client = TlsChannel.client(TlsOptions.of(protocol));
        TlsChannel server = TlsChannel.server(TestIdentities.SERVER, TlsOptions.defaults());
        handshake(client, server, false);
        assertThat(client.protocol()).isEqualTo(protocol);
        assertThat(client.cipherSuite()).contains("_GCM_");

        byte[] message = "<s:Envelope/>".repeat(100).getBytes(StandardCharsets.UTF_8);
        TlsRecord record = client.wrap(message);
        byte[] bytes = record.bytes();
        assertThat(bytes[0]).isEqualTo((byte) 23);
        assertThat(((bytes[3] & 0xFF) << 8 | (bytes[4] & 0xFF)) + 5).isEqualTo(bytes.length);
        assertThat(record.trailerLength()).isEqualTo(trailer);
        // RFC 5246 §6.2.3.3: 8-byte explicit nonce in TLS 1.2 GCM; RFC 8446 §5.2: none in TLS 1.3
        int explicitNonce = protocol.equals("TLSv1.2") ? 8 : 0;
        assertThat(bytes.length).isEqualTo(5 + explicitNonce + message.length + trailer);
        assertThat(server.unwrap(bytes)).isEqualTo(message);

        TlsRecord reply = server.wrap(new byte[TlsChannel.class.getSimpleName().length()]);
        assertThat(reply.trailerLength()).isEqualTo(trailer);
        ByteArrayOutputStream received = new ByteArrayOutputStream();
        for (byte b : reply.bytes()) {
            received.writeBytes(client.unwrap(new byte[] {b}));
        }
        assertThat(received.toByteArray()).hasSize(TlsChannel.class.getSimpleName().length());
        assertThat(client.pendingInput()).isZero();
    }

    @ParameterizedTest
    @CsvSource({"TLSv1.2", "TLSv1.3"})
    void manyRecordsOfMixedSizesInBothDirectionsAndBatched(String protocol) throws Exception {
        TlsChannel client = TlsChannel.client(TlsOptions.of(protocol));
        TlsChannel server = TlsChannel.server(TestIdentities.SERVER, TlsOptions.defaults());
        handshake(client, server, false);
        int max = client.maxWrapLength();
        ByteArrayOutputStream batch = new ByteArrayOutputStream();
        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        int[] sizes = {max, 1, 2048, max, 7, max - 1, 3};
        for (int size : sizes) {
            byte[] message = new byte[size];
            Arrays.fill(message, (byte) size);
            assertThat(server.unwrap(client.wrap(message).bytes())).as("client to server, %d bytes", size)
                    .isEqualTo(message);
            assertThat(client.unwrap(server.wrap(message).bytes())).as("server to client, %d bytes", size)
                    .isEqualTo(message);
        }
        for (int size : sizes) {
            byte[] message = new byte[size];
            Arrays.fill(message, (byte) -size);
            batch.writeBytes(server.wrap(message).bytes());
            expected.writeBytes(message);
        }
        assertThat(client.unwrap(batch.toByteArray())).as("several records in one input").isEqualTo(expected.toByteArray());
        assertThat(client.pendingInput()).isZero();
    }

    @Test
    void handshakeSurvivesOneByteFragments() throws Exception {
        TlsChannel client = TlsChannel.client(TlsOptions.defaults());
        TlsChannel server = TlsChannel.server(TestIdentities.SERVER, TlsOptions.defaults());
        handshake(client, server, true);
        assertThat(client.protocol()).isEqualTo("TLSv1.3");
    }

    @Test
    void capturesTheSubjectPublicKeyBitString() throws Exception {
        TlsChannel client = TlsChannel.client(TlsOptions.defaults());
        TlsChannel server = TlsChannel.server(TestIdentities.SERVER, TlsOptions.defaults());
        handshake(client, server, false);
        // RFC 8017 A.1.1: RSAPublicKey ::= SEQUENCE { modulus INTEGER, publicExponent INTEGER }
        RSAPublicKey key = (RSAPublicKey) TestIdentities.SERVER.certificate().getPublicKey();
        byte[] expected = Der.sequence(Der.tlv(Der.INTEGER, key.getModulus().toByteArray()),
                Der.tlv(Der.INTEGER, key.getPublicExponent().toByteArray()));
        assertThat(client.serverSubjectPublicKey()).isEqualTo(expected);
        assertThat(server.serverSubjectPublicKey()).isEqualTo(expected);
    }

    @Test
    void selfSignedCertificateVerifies() throws Exception {
        TestIdentities.SERVER.certificate().verify(TestIdentities.SERVER.certificate().getPublicKey());
        TestIdentities.SERVER.certificate().checkValidity();
        assertThat(TestIdentities.SERVER.certificate().getSubjectX500Principal().getName()).isEqualTo("CN=credssp-test");
    }

    @Test
    void refusesOversizedOrEarlyWraps() throws Exception {
        TlsChannel client = TlsChannel.client(TlsOptions.defaults());
        assertThatThrownBy(() -> client.wrap(new byte[10])).isInstanceOf(SSLException.class)
                .hasMessageContaining("not complete");
        TlsChannel server = TlsChannel.server(TestIdentities.SERVER, TlsOptions.defaults());
        handshake(client, server, false);
        assertThat(client.maxWrapLength()).isEqualTo(16367);
        assertThatThrownBy(() -> client.wrap(new byte[16368])).isInstanceOf(IllegalArgumentException.class);
        assertThat(client.wrap(new byte[16367]).bytes()).hasSize(5 + 16367 + 33);

        TlsChannel client12 = TlsChannel.client(TlsOptions.of("TLSv1.2"));
        handshake(client12, TlsChannel.server(TestIdentities.SERVER, TlsOptions.defaults()), false);
        assertThat(client12.maxWrapLength()).isEqualTo(16384);
        assertThat(client12.wrap(new byte[16384]).bytes()).hasSize(5 + 8 + 16384 + 16);
    }

    @Test
    void noSharedProtocolFailsTheHandshake() throws Exception {
        TlsChannel client = TlsChannel.client(TlsOptions.of("TLSv1.2"));
        TlsChannel server = TlsChannel.server(TestIdentities.SERVER, TlsOptions.of("TLSv1.3"));
        assertThatThrownBy(() -> handshake(client, server, false)).isInstanceOf(SSLException.class);
    }

    /** Pumps handshake bytes both ways until both sides are done (bounded). */
    static void handshake(TlsChannel client, TlsChannel server, boolean oneByteAtATime) throws SSLException {
        byte[] toServer = client.handshake(null);
        for (int i = 0; i < 20 && !(client.isHandshakeComplete() && server.isHandshakeComplete()); i++) {
            byte[] toClient = feed(server, toServer, oneByteAtATime);
            toServer = feed(client, toClient, oneByteAtATime);
        }
        assertThat(client.isHandshakeComplete()).isTrue();
        assertThat(server.isHandshakeComplete()).isTrue();
        if (toServer.length > 0) {
            server.unwrap(toServer);
        }
    }

    private static byte[] feed(TlsChannel channel, byte[] input, boolean oneByteAtATime) throws SSLException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int step = oneByteAtATime ? 1 : Math.max(1, input.length);
        for (int i = 0; i < input.length; i += step) {
            byte[] piece = Arrays.copyOfRange(input, i, Math.min(input.length, i + step));
            if (channel.isHandshakeComplete()) {
                assertThat(channel.unwrap(piece)).isEmpty();
            } else {
                out.writeBytes(channel.handshake(piece));
            }
        }
        if (input.length == 0 && !channel.isHandshakeComplete()) {
            out.writeBytes(channel.handshake(input));
        }
        return out.toByteArray();
    }
}
