package io.jenkins.plugins.winrmcredssp.protocol.ntlm;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.winrmcredssp.protocol.ProtocolException;
import io.jenkins.plugins.winrmcredssp.protocol.ntlm.av.TargetInfo;
import io.jenkins.plugins.winrmcredssp.protocol.ntlm.messages.NtlmAuthenticate;
import io.jenkins.plugins.winrmcredssp.protocol.ntlm.messages.NtlmChallenge;
import io.jenkins.plugins.winrmcredssp.protocol.ntlm.messages.NtlmNegotiate;
import io.jenkins.plugins.winrmcredssp.protocol.ntlm.messages.NtlmV2Response;
import java.util.Arrays;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Randomly mutated and truncated NTLM tokens, fed to the decoders and to the contexts: only {@link ProtocolException}
 * (malformed token, NTLM refusal) may come out — never an IndexOutOfBounds, NPE, OOM or hang.
 */
class NtlmMalformedInputTest {
    private static final int ITERATIONS = 4000;
    private static byte[] negotiate;
    private static byte[] challenge;
    private static byte[] authenticate;

    @FunctionalInterface
    interface Consumer {
        void accept(byte[] token) throws Exception;
    }

    @BeforeAll
    static void validExchange() throws Exception {
        try (NtlmInitiatorContext client = newClient(); NtlmAcceptorContext server = newServer()) {
            negotiate = client.step(null);
            challenge = server.step(negotiate);
            authenticate = client.step(challenge);
            server.step(authenticate);
            assertThat(server.isEstablished()).isTrue();
        }
    }

    private static NtlmInitiatorContext newClient() {
        return NtlmContextTest.initiator("CORP\\alice", NtlmContextTest.PASSWORD);
    }

    private static NtlmAcceptorContext newServer() {
        return NtlmContextTest.acceptor();
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void negotiate() {
        fuzz(negotiate, 11, token -> {
            NtlmNegotiate.decode(token);
            try (NtlmAcceptorContext server = newServer()) {
                server.step(token);
            }
        });
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void challenge() {
        fuzz(challenge, 22, token -> {
            NtlmChallenge decoded = NtlmChallenge.decode(token);
            TargetInfo.decode(decoded.targetInfo().encode(), "re-encoded");
            try (NtlmInitiatorContext client = newClient()) {
                client.step(null);
                client.step(token);
            }
        });
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void authenticate() {
        fuzz(authenticate, 33, token -> {
            NtlmV2Response.decode(NtlmAuthenticate.decode(token).ntChallengeResponse());
            try (NtlmAcceptorContext server = newServer()) {
                server.step(negotiate);
                server.step(token);
            }
        });
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void wrappedMessages() throws Exception {
        Random random = new Random(44);
        for (int i = 0; i < ITERATIONS / 4; i++) {
            try (NtlmInitiatorContext client = newClient(); NtlmAcceptorContext server = newServer()) {
                server.step(client.step(server.step(client.step(null))));
                byte[] wrapped = mutate(random, client.wrap(new byte[random.nextInt(40)]));
                check(wrapped, server::unwrap);
                check(wrapped, token -> server.verifyMic(new byte[3], token));
            }
        }
    }

    private static void fuzz(byte[] valid, long seed, Consumer target) {
        Random random = new Random(seed);
        int refused = 0;
        for (int i = 0; i < ITERATIONS; i++) {
            refused += check(mutate(random, valid), target) ? 0 : 1;
        }
        assertThat(refused).as("most mutations must be refused").isGreaterThan(ITERATIONS / 2);
    }

    /** Returns whether the target accepted the token; fails on anything but a ProtocolException. */
    private static boolean check(byte[] token, Consumer target) {
        try {
            target.accept(token);
            return true;
        } catch (ProtocolException expected) {
            assertThat(expected.getMessage()).isNotBlank();
            return false;
        } catch (Throwable unexpected) {
            throw new AssertionError("unexpected " + unexpected + " for token " + java.util.HexFormat.of()
                    .formatHex(token), unexpected);
        }
    }

    static byte[] mutate(Random random, byte[] valid) {
        byte[] token = valid.clone();
        switch (random.nextInt(6)) {
            case 0 -> token = Arrays.copyOf(token, random.nextInt(token.length));
            case 1 -> {
                for (int n = 1 + random.nextInt(4); n > 0; n--) {
                    token[random.nextInt(token.length)] ^= (byte) (1 + random.nextInt(255));
                }
            }
            case 2 -> {
                // a 16- or 32-bit length/offset field somewhere in the header set to an extreme
                int at = random.nextInt(Math.min(token.length, 88) - 3);
                int value = random.nextBoolean() ? 0xFFFF : random.nextInt();
                token[at] = (byte) value;
                token[at + 1] = (byte) (value >>> 8);
                if (random.nextBoolean()) {
                    token[at + 2] = (byte) (value >>> 16);
                    token[at + 3] = (byte) (value >>> 24);
                }
            }
            case 3 -> {
                byte[] longer = Arrays.copyOf(token, token.length + 1 + random.nextInt(64));
                random.nextBytes(longer);
                System.arraycopy(token, 0, longer, 0, token.length);
                token = longer;
            }
            case 4 -> {
                int from = random.nextInt(token.length);
                int to = Math.min(token.length, from + 1 + random.nextInt(32));
                Arrays.fill(token, from, to, (byte) random.nextInt(256));
            }
            default -> {
                // shift the AV pair area: truncate in the payload only
                int cut = token.length - 1 - random.nextInt(Math.max(1, token.length / 3));
                token = Arrays.copyOf(token, Math.max(cut, 0));
            }
        }
        return token;
    }
}
