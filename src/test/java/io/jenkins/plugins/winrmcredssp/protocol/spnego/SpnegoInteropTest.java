package io.jenkins.plugins.winrmcredssp.protocol.spnego;

import static io.jenkins.plugins.winrmcredssp.testsupport.NtlmTestUser.ALICE;
import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.winrmcredssp.protocol.ProtocolException;
import io.jenkins.plugins.winrmcredssp.protocol.auth.Mechanism;
import io.jenkins.plugins.winrmcredssp.protocol.auth.UserCredentials;
import io.jenkins.plugins.winrmcredssp.protocol.ntlm.NtlmAccount;
import io.jenkins.plugins.winrmcredssp.protocol.ntlm.NtlmAcceptorContext;
import io.jenkins.plugins.winrmcredssp.protocol.ntlm.NtlmInitiatorContext;
import io.jenkins.plugins.winrmcredssp.protocol.ntlm.NtlmUserStore;
import io.jenkins.plugins.winrmcredssp.testsupport.ContextExchange;
import io.jenkins.plugins.winrmcredssp.testsupport.NtlmPeers;
import io.jenkins.plugins.winrmcredssp.testsupport.NtlmTestUser;
import io.jenkins.plugins.winrmcredssp.testsupport.PythonPeer;
import io.jenkins.plugins.winrmcredssp.testsupport.TempDirectory;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Our SPNEGO contexts over NTLM against MIT krb5's SPNEGO with gss-ntlmssp (python3-gssapi), an implementation that
 * exchanges the mechListMIC and resets the NTLM RC4 state afterwards as MS-SPNG §3.3.5.1 says. Sealing both ways right
 * after the exchange proves both sides agree on when the key streams restart.
 */
class SpnegoInteropTest {

    private static PythonPeer mitSpnegoAcceptor(NtlmTestUser user) throws IOException {
        NtlmPeers.requireGssNtlmssp();
        TempDirectory dir = TempDirectory.create("spnego-ntlmssp");
        try {
            String users = dir.write("ntlm_users", user.domain() + ":" + user.user() + ":" + user.password() + "\n").toString();
            return PythonPeer.start("MIT SPNEGO acceptor with gss-ntlmssp", Mechanism.SPNEGO, "gss_peer.py",
                    List.of("accept", "--mech", "spnego"), Map.of("NTLM_USER_FILE", users), dir);
        } catch (IOException | RuntimeException e) {
            dir.close();
            throw e;
        }
    }

    private static PythonPeer mitSpnegoInitiator(NtlmTestUser user) throws IOException {
        NtlmPeers.requireGssNtlmssp();
        return PythonPeer.start("MIT SPNEGO initiator with gss-ntlmssp", Mechanism.SPNEGO, "gss_peer.py",
                List.of("initiate", "--mech", "spnego", "--user", user.downLevelName(), "--target", "HTTP@localhost"),
                Map.of("PEER_PASSWORD", user.password()), null);
    }

    private static SpnegoCandidate ourNtlm(NtlmTestUser user) {
        return new SpnegoCandidate(Mechanism.NTLM, () -> NtlmInitiatorContext
                .builder(UserCredentials.parse(user.downLevelName(), user.password().toCharArray()))
                .targetSpn("HTTP/localhost").workstation("JENKINS").build());
    }

    @Test
    void ourInitiatorIsAcceptedByMitSpnegoAndSealsBothWays() throws Exception {
        try (PythonPeer acceptor = mitSpnegoAcceptor(ALICE);
                SpnegoInitiatorContext initiator = SpnegoInitiatorContext.withoutFallback(ourNtlm(ALICE))) {
            List<byte[]> tokens = SpnegoContextTest.handshake(initiator, acceptor);
            assertThat(tokens).as(acceptor.log()).hasSize(4);
            assertThat(((NegTokenResp) NegotiationToken.decode(tokens.get(3))).mechListMic())
                    .as("MIT's mechListMIC, verified by us").isPresent();
            assertThat(acceptor.peerName()).isEqualTo("EXAMPLE\\alice");
            SpnegoContextTest.exchangeMessages(initiator, acceptor);
        }
    }

    @Test
    void ourInitiatorFallsBackToNtlmAgainstMitSpnego() throws Exception {
        SpnegoCandidate kerberos = new SpnegoCandidate(Mechanism.KERBEROS, () -> {
            throw new ProtocolException("Kerberos: no KDC for EXAMPLE");
        });
        try (PythonPeer acceptor = mitSpnegoAcceptor(ALICE);
                SpnegoInitiatorContext initiator = new SpnegoInitiatorContext(List.of(kerberos, ourNtlm(ALICE)))) {
            ContextExchange.establish(initiator, acceptor);
            assertThat(initiator.fallbackReasons()).extracting(FallbackReason::mechanism).containsExactly(Mechanism.KERBEROS);
            SpnegoContextTest.exchangeMessages(initiator, acceptor);
        }
    }

    @Test
    void mitSpnegoInitiatorIsAcceptedByOursAndSealsBothWays() throws Exception {
        NtlmAccount alice = NtlmAccount.withPassword(ALICE.domain(), ALICE.user(), ALICE.password().toCharArray());
        try (PythonPeer initiator = mitSpnegoInitiator(ALICE);
                SpnegoAcceptorContext acceptor = new SpnegoAcceptorContext(Map.of(Mechanism.NTLM,
                        () -> NtlmAcceptorContext.builder(NtlmUserStore.of(List.of(alice)))
                                .computerName("SERVER").domainName(ALICE.domain()).build()))) {
            ContextExchange.establish(initiator, acceptor);
            assertThat(acceptor.negotiatedMechanism()).isEqualTo(Mechanism.NTLM);
            assertThat(acceptor.peerName()).containsIgnoringCase("alice");
            SpnegoContextTest.exchangeMessages(initiator, acceptor);
        }
    }
}
