package io.jenkins.plugins.winrmcredssp.protocol.spnego;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.winrmcredssp.protocol.ProtocolException;
import io.jenkins.plugins.winrmcredssp.protocol.auth.Mechanism;
import io.jenkins.plugins.winrmcredssp.protocol.auth.SecurityContext;
import io.jenkins.plugins.winrmcredssp.protocol.auth.UserCredentials;
import io.jenkins.plugins.winrmcredssp.protocol.ntlm.NtlmAccount;
import io.jenkins.plugins.winrmcredssp.protocol.ntlm.NtlmAcceptorContext;
import io.jenkins.plugins.winrmcredssp.protocol.ntlm.NtlmInitiatorContext;
import io.jenkins.plugins.winrmcredssp.protocol.ntlm.NtlmUserStore;
import io.jenkins.plugins.winrmcredssp.protocol.spnego.SpnegoException.Reason;
import io.jenkins.plugins.winrmcredssp.protocol.spnego.ToyMechanism.Shape;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** SPNEGO over the real NTLM initiator and acceptor, in process (RFC 4178, MS-SPNG §3.3.5.1 with MS-NLMP). */
class SpnegoNtlmTest {
    private static final String PASSWORD = "Passw0rd!";
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-25T12:00:00Z"), ZoneOffset.UTC);

    private static SpnegoCandidate ntlm(String user, String password) {
        return new SpnegoCandidate(Mechanism.NTLM, () -> NtlmInitiatorContext
                .builder(UserCredentials.parse(user, password.toCharArray()))
                .targetSpn("HTTP/server.corp.example").workstation("JENKINS")
                .entropy(seeded(1)).clock(CLOCK).build());
    }

    private static NtlmAcceptorContext ntlmAcceptor() {
        return NtlmAcceptorContext.builder(NtlmUserStore.of(List.of(NtlmAccount.withPassword("CORP", "alice", PASSWORD.toCharArray()))))
                .computerName("SERVER").domainName("CORP").dnsDomainName("corp.example")
                .dnsComputerName("server.corp.example").entropy(seeded(2)).clock(CLOCK).build();
    }

    private static SpnegoAcceptorContext acceptor(SecurityContextFactory ntlm) {
        return new SpnegoAcceptorContext(Map.of(Mechanism.NTLM, ntlm));
    }

    private static io.jenkins.plugins.winrmcredssp.protocol.auth.Entropy seeded(long seed) {
        Random random = new Random(seed);
        return random::nextBytes;
    }

    private static NegTokenResp resp(byte[] token) throws ProtocolException {
        return (NegTokenResp) NegotiationToken.decode(token);
    }

    @Test
    void ntlmThroughSpnegoWithMechListMicThenSealingBothWays() throws Exception {
        try (SpnegoInitiatorContext initiator = SpnegoInitiatorContext.withoutFallback(ntlm("CORP\\alice", PASSWORD));
                SpnegoAcceptorContext acceptor = acceptor(SpnegoNtlmTest::ntlmAcceptor)) {
            List<byte[]> tokens = SpnegoContextTest.handshake(initiator, acceptor);
            assertThat(tokens).hasSize(4);
            NegTokenResp authenticate = resp(tokens.get(2));
            assertThat(authenticate.responseToken().get()[8]).as("AUTHENTICATE_MESSAGE").isEqualTo((byte) 3);
            // an NTLM signature (MS-NLMP §2.2.2.9.1, version 1) over the MechTypeList, sequence number 0
            assertThat(authenticate.mechListMic().get()).hasSize(16).startsWith(1, 0, 0, 0).endsWith(0, 0, 0, 0);
            NegTokenResp completed = resp(tokens.get(3));
            assertThat(completed.negState()).contains(NegState.ACCEPT_COMPLETED);
            assertThat(completed.mechListMic().get()).hasSize(16).startsWith(1, 0, 0, 0).endsWith(0, 0, 0, 0);
            assertThat(acceptor.peerName()).containsIgnoringCase("alice");
            // wrap/unwrap right after the exchange only works when both sides restarted RC4 after the mechListMIC
            SpnegoContextTest.exchangeMessages(initiator, acceptor);
        }
    }

    @Test
    void withoutTheRc4ResetOnOneSideSealingBreaks() throws Exception {
        // Negative control for the test above: an acceptor that ignores resetCryptoState cannot unseal.
        try (SpnegoInitiatorContext initiator = SpnegoInitiatorContext.withoutFallback(ntlm("CORP\\alice", PASSWORD));
                SpnegoAcceptorContext acceptor = acceptor(() -> new NoReset(ntlmAcceptor()))) {
            SpnegoContextTest.handshake(initiator, acceptor);
            byte[] sealed = initiator.wrap(new byte[] {1, 2, 3});
            assertThatThrownBy(() -> acceptor.unwrap(sealed)).isInstanceOf(ProtocolException.class);
        }
    }

    @Test
    void fallsBackFromKerberosWithoutKdcToNtlmAndRecordsWhy() throws Exception {
        SpnegoCandidate kerberos = new SpnegoCandidate(Mechanism.KERBEROS, () -> {
            throw new ProtocolException("Kerberos: no KDC reachable for realm CORP.EXAMPLE");
        });
        try (SpnegoInitiatorContext initiator = new SpnegoInitiatorContext(List.of(kerberos, ntlm("CORP\\alice", PASSWORD)));
                SpnegoAcceptorContext acceptor = acceptor(SpnegoNtlmTest::ntlmAcceptor)) {
            SpnegoContextTest.handshake(initiator, acceptor);
            assertThat(initiator.negotiatedMechanism()).isEqualTo(Mechanism.NTLM);
            assertThat(initiator.fallbackReasons()).singleElement().satisfies(r -> {
                assertThat(r.mechanism()).isEqualTo(Mechanism.KERBEROS);
                assertThat(r.cause()).hasMessageContaining("no KDC reachable");
            });
            SpnegoContextTest.exchangeMessages(initiator, acceptor);
        }
    }

    @Test
    void acceptorWithoutKerberosSwitchesTheInitiatorToNtlm() throws Exception {
        SpnegoCandidate kerberos = new SpnegoCandidate(Mechanism.KERBEROS,
                () -> ToyMechanism.initiator(Mechanism.KERBEROS, Shape.KERBEROS_LIKE, "unused"));
        try (SpnegoInitiatorContext initiator = new SpnegoInitiatorContext(List.of(kerberos, ntlm("alice@corp.example", PASSWORD)));
                SpnegoAcceptorContext acceptor = acceptor(SpnegoNtlmTest::ntlmAcceptor)) {
            List<byte[]> tokens = SpnegoContextTest.handshake(initiator, acceptor);
            assertThat(resp(tokens.get(1)).negState()).contains(NegState.REQUEST_MIC);
            assertThat(resp(tokens.get(2)).responseToken().get()[8]).as("NEGOTIATE_MESSAGE").isEqualTo((byte) 1);
            assertThat(initiator.negotiatedMechanism()).isEqualTo(Mechanism.NTLM);
            SpnegoContextTest.exchangeMessages(initiator, acceptor);
        }
    }

    @Test
    void tamperedMechListMicIsRejected() throws Exception {
        try (SpnegoInitiatorContext initiator = SpnegoInitiatorContext.withoutFallback(ntlm("CORP\\alice", PASSWORD));
                SpnegoAcceptorContext acceptor = acceptor(SpnegoNtlmTest::ntlmAcceptor)) {
            NegTokenResp auth = resp(initiator.step(acceptor.step(initiator.step(null))));
            byte[] mic = auth.mechListMic().get();
            mic[6] ^= 0x20;
            byte[] tampered = new NegTokenResp(auth.negState().orElse(null), null, auth.responseToken().get(), mic).encode();
            assertThatThrownBy(() -> acceptor.step(tampered)).isInstanceOfSatisfying(SpnegoException.class,
                    e -> assertThat(e.reason()).isEqualTo(Reason.MECH_LIST_MIC));
        }
    }

    @Test
    void wrongPasswordFailsInTheAcceptorAndTheRejectReachesTheInitiator() throws Exception {
        try (SpnegoInitiatorContext initiator = SpnegoInitiatorContext.withoutFallback(ntlm("CORP\\alice", "wrong"));
                SpnegoAcceptorContext acceptor = acceptor(SpnegoNtlmTest::ntlmAcceptor)) {
            byte[] auth = initiator.step(acceptor.step(initiator.step(null)));
            assertThatThrownBy(() -> acceptor.step(auth)).isInstanceOf(ProtocolException.class)
                    .hasMessageNotContaining("wrong");
            assertThatThrownBy(() -> initiator.step(NegTokenResp.reject().encode()))
                    .isInstanceOfSatisfying(SpnegoException.class, e -> assertThat(e.reason()).isEqualTo(Reason.REJECTED));
        }
    }

    /** Delegates everything except the MS-SPNG key-stream reset. */
    private record NoReset(SecurityContext inner) implements SecurityContext {
        @Override
        public Mechanism mechanism() {
            return inner.mechanism();
        }

        @Override
        public byte[] step(byte[] input) throws ProtocolException {
            return inner.step(input);
        }

        @Override
        public boolean isEstablished() {
            return inner.isEstablished();
        }

        @Override
        public byte[] wrap(byte[] message) throws ProtocolException {
            return inner.wrap(message);
        }

        @Override
        public byte[] unwrap(byte[] token) throws ProtocolException {
            return inner.unwrap(token);
        }

        @Override
        public byte[] getMic(byte[] message) throws ProtocolException {
            return inner.getMic(message);
        }

        @Override
        public void verifyMic(byte[] message, byte[] mic) throws ProtocolException {
            inner.verifyMic(message, mic);
        }

        @Override
        public void close() {
            inner.close();
        }
    }
}
