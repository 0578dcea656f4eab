package io.jenkins.plugins.winrmcredssp.bench;

import io.jenkins.plugins.winrmcredssp.protocol.ProtocolException;
import io.jenkins.plugins.winrmcredssp.protocol.auth.Entropy;
import io.jenkins.plugins.winrmcredssp.protocol.auth.UserCredentials;
import io.jenkins.plugins.winrmcredssp.protocol.credssp.CredSspAcceptorContext;
import io.jenkins.plugins.winrmcredssp.protocol.credssp.CredSspClientContext;
import io.jenkins.plugins.winrmcredssp.protocol.credssp.CredSspException;
import io.jenkins.plugins.winrmcredssp.protocol.credssp.TlsServerIdentity;
import io.jenkins.plugins.winrmcredssp.protocol.ntlm.NtlmAcceptorContext;
import io.jenkins.plugins.winrmcredssp.protocol.ntlm.NtlmAccount;
import io.jenkins.plugins.winrmcredssp.protocol.ntlm.NtlmInitiatorContext;
import io.jenkins.plugins.winrmcredssp.protocol.ntlm.NtlmUserStore;
import io.jenkins.plugins.winrmcredssp.testsupport.ContextExchange;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Established client/server context pairs and payloads for the JMH benchmarks, from the project's real classes with
 * seeded {@link Entropy} and a fixed {@link Clock} (the JDK's TLS engine inside CredSSP draws its own randomness).
 */
final class BenchContexts {
    static final String USER = "BENCH\\bench";
    private static final String PASSWORD = "Bench-Passw0rd!";
    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);

    private BenchContexts() {
    }

    /** A client and a server context that completed their exchange against each other. */
    record Pair<C, S>(C client, S server) {
    }

    static Entropy seeded(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        return random::nextBytes;
    }

    /** NTLMv2 initiator and acceptor (MS-NLMP §3.1, §3.2) with session security established. */
    static Pair<NtlmInitiatorContext, NtlmAcceptorContext> ntlm() throws ProtocolException {
        NtlmInitiatorContext client = NtlmInitiatorContext.builder(credentials()).targetSpn("HTTP/bench.invalid")
                .entropy(seeded(1)).clock(CLOCK).build();
        NtlmAcceptorContext server = ntlmAcceptor(2);
        ContextExchange.establish(client, server);
        return new Pair<>(client, server);
    }

    /**
     * CredSSP client and acceptor (MS-CSSP §3.1.5) with NTLM inside and the JDK's default TLS (1.3 here), stepped
     * until credentials were delegated: the state a WinRM session seals its messages with.
     */
    static Pair<CredSspClientContext, CredSspAcceptorContext> credSsp() throws CredSspException {
        UserCredentials credentials = credentials();
        CredSspClientContext client = CredSspClientContext.builder(credentials,
                NtlmInitiatorContext.builder(credentials).entropy(seeded(3)).clock(CLOCK).build())
                .entropy(seeded(4)).build();
        TlsServerIdentity identity = TlsServerIdentity.selfSigned("bench.invalid", CLOCK);
        CredSspAcceptorContext server = CredSspAcceptorContext.builder(identity, () -> ntlmAcceptor(5)).build();
        byte[] toServer = client.step(null);
        for (int round = 0; !client.isComplete(); round++) {
            if (round > 10) {
                throw new IllegalStateException("CredSSP did not complete in 10 rounds: " + client);
            }
            toServer = client.step(server.step(toServer));
        }
        server.step(toServer);
        if (!server.isComplete()) {
            throw new IllegalStateException("the CredSSP acceptor did not complete: " + server);
        }
        return new Pair<>(client, server);
    }

    /** {@code length} bytes of printable ASCII, like command output, the same for every seed. */
    static byte[] text(int length, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        byte[] out = new byte[length];
        for (int i = 0; i < length; i++) {
            out[i] = (byte) (i % 80 == 79 ? '\n' : ' ' + random.nextInt(95));
        }
        return out;
    }

    private static UserCredentials credentials() {
        return UserCredentials.parse(USER, PASSWORD.toCharArray());
    }

    private static NtlmAcceptorContext ntlmAcceptor(long seed) {
        String[] name = USER.split("\\\\");
        return NtlmAcceptorContext.builder(NtlmUserStore.of(List.of(
                NtlmAccount.withPassword(name[0], name[1], PASSWORD.toCharArray()))))
                .entropy(seeded(seed)).clock(CLOCK).build();
    }
}
