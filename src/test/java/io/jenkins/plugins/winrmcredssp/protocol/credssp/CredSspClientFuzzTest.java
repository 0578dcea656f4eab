package io.jenkins.plugins.winrmcredssp.protocol.credssp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Hostile server input reaches the client only as typed {@link CredSspException}s, never as another exception and
 * never as credentials (fixed seeds, bounded).
 */
class CredSspClientFuzzTest {
    private static final int CASES = 100;
    /** Each relayed case runs two TLS handshakes (client to relay, relay to acceptor). */
    private static final int RELAYED_CASES = 50;

    @Test
    void garbageTlsBytesDuringTheHandshake() throws Exception {
        Random random = new Random(11);
        for (int i = 0; i < CASES; i++) {
            CredSspClientContext client = CredSspContextTest.client(6, "pw").build();
            client.step(null);
            byte[] garbage = new byte[3 + random.nextInt(300)];
            random.nextBytes(garbage);
            if (random.nextBoolean()) {
                garbage[0] = 0x16;
                garbage[1] = 0x03;
                garbage[2] = 0x03;
            }
            try {
                client.step(garbage);
                client.peerClosed();
            } catch (CredSspException expected) {
                assertThat(expected.stage()).isEqualTo(CredSspStage.TLS_HANDSHAKE);
            }
            assertThat(client.isComplete()).isFalse();
        }
    }

    @Test
    void mutatedTsRequestsInsideTls() throws Exception {
        Random random = new Random(12);
        byte[] valid = TsRequest.builder(6).negoToken(new byte[60]).pubKeyAuth(new byte[40]).clientNonce(new byte[32])
                .build().encode();
        for (int i = 0; i < RELAYED_CASES; i++) {
            byte[] mutated = valid.clone();
            for (int e = 0; e < 1 + random.nextInt(4); e++) {
                mutated[random.nextInt(mutated.length)] = (byte) random.nextInt(256);
            }
            if (random.nextInt(3) == 0) {
                mutated = Arrays.copyOf(mutated, 1 + random.nextInt(mutated.length - 1));
            }
            byte[] reply = mutated;
            TerminatingRelay relay = new TerminatingRelay(CredSspContextTest.acceptor().build(), request -> reply);
            CredSspClientContext client = CredSspContextTest.client(6, "pw").build();
            byte[] toServer = client.step(null);
            try {
                for (int round = 0; round < 6 && !client.isComplete(); round++) {
                    toServer = client.step(relay.step(toServer));
                    if (toServer.length == 0) {
                        client.peerClosed();
                    }
                }
            } catch (CredSspException expected) {
                assertThat(expected.stage()).isIn(CredSspStage.AUTHENTICATION, CredSspStage.PUBLIC_KEY_EXCHANGE);
            }
            assertThat(client.isComplete()).isFalse();
            assertThat(relay.clientRequests()).allSatisfy(r -> assertThat(r.authInfo()).isNull());
        }
    }

    @Test
    void acceptorTurnsGarbageIntoTypedRefusals() throws Exception {
        Random random = new Random(13);
        for (int i = 0; i < CASES; i++) {
            CredSspAcceptorContext acceptor = CredSspContextTest.acceptor().build();
            TlsChannel rogue = TlsChannel.client(TlsOptions.defaults());
            byte[] toServer = rogue.handshake(null);
            while (!rogue.isHandshakeComplete()) {
                toServer = rogue.handshake(acceptor.step(toServer));
            }
            acceptor.step(toServer);
            byte[] garbage = new byte[1 + random.nextInt(200)];
            random.nextBytes(garbage);
            garbage[0] = 0x30;
            try {
                acceptor.step(rogue.wrap(garbage).bytes());
            } catch (CredSspException expected) {
                assertThat(expected.stage()).isEqualTo(CredSspStage.AUTHENTICATION);
            }
            assertThat(acceptor.isComplete()).isFalse();
        }
    }

    @Test
    void stepAfterCompletionIsRefused() throws Exception {
        CredSspClientContext client = CredSspContextTest.client(6, "Passw0rd!").build();
        CredSspAcceptorContext acceptor = CredSspContextTest.acceptor().build();
        byte[] toServer = client.step(null);
        while (!client.isComplete()) {
            toServer = client.step(acceptor.step(toServer));
        }
        assertThatThrownBy(() -> client.step(new byte[1])).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> client.unwrap(new byte[] {0x17, 0x03, 0x03, 0x00, 0x20, 1, 2}))
                .isInstanceOf(CredSspException.class).hasMessageContaining("incomplete TLS record");
    }
}
