package io.jenkins.plugins.winrmcredssp.protocol.ntlm;

import static io.jenkins.plugins.winrmcredssp.testsupport.NtlmTestUser.ALICE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.winrmcredssp.protocol.ProtocolException;
import io.jenkins.plugins.winrmcredssp.protocol.auth.SecurityContext;
import io.jenkins.plugins.winrmcredssp.protocol.auth.UserCredentials;
import io.jenkins.plugins.winrmcredssp.testsupport.ContextExchange;
import io.jenkins.plugins.winrmcredssp.testsupport.NtlmPeers;
import io.jenkins.plugins.winrmcredssp.testsupport.NtlmTestUser;
import io.jenkins.plugins.winrmcredssp.testsupport.PeerRejectedException;
import io.jenkins.plugins.winrmcredssp.testsupport.PythonPeer;
import io.jenkins.plugins.winrmcredssp.testsupport.SambaNtlmAcceptor;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Our NTLM (MS-NLMP) initiator and acceptor against implementations nobody here wrote: gss-ntlmssp 1.2 through MIT
 * GSSAPI, python3-ntlm-auth 1.4 and Samba 4.17's ntlm_auth. The peers are proven against each other in
 * {@code testsupport.NtlmPeersTest}.
 */
class NtlmInteropTest {
    private static final NtlmTestUser WRONG_PASSWORD = ALICE.withPassword("not-" + ALICE.password());

    private static NtlmInitiatorContext ourInitiator(NtlmTestUser user) {
        UserCredentials credentials = UserCredentials.parse(user.downLevelName(), user.password().toCharArray());
        return NtlmInitiatorContext.builder(credentials).targetSpn("HTTP/localhost").workstation("JENKINS").build();
    }

    private static NtlmAcceptorContext ourAcceptor() {
        NtlmAccount alice = NtlmAccount.withPassword(ALICE.domain(), ALICE.user(), ALICE.password().toCharArray());
        return NtlmAcceptorContext.builder(NtlmUserStore.of(List.of(alice)))
                .computerName("SERVER").domainName(ALICE.domain()).build();
    }

    @Nested
    class OurInitiator {
        @Test
        void isAcceptedByGssNtlmsspAndSealsBothWays() throws Exception {
            try (PythonPeer acceptor = NtlmPeers.gssAcceptor(ALICE);
                    NtlmInitiatorContext initiator = ourInitiator(ALICE)) {
                assertThat(ContextExchange.establish(initiator, acceptor)).isEqualTo(3);

                assertThat(initiator.isMicProvided()).as("gss-ntlmssp sends MsvAvTimestamp, so we send a MIC").isTrue();
                assertThat(acceptor.peerName()).isEqualTo("EXAMPLE\\alice");
                assertSealsBothWays(initiator, acceptor);
                assertMicsVerifyBothWays(initiator, acceptor);
            }
        }

        @Test
        void isRefusedByGssNtlmsspWithAWrongPassword() throws Exception {
            try (PythonPeer acceptor = NtlmPeers.gssAcceptor(ALICE);
                    NtlmInitiatorContext initiator = ourInitiator(WRONG_PASSWORD)) {
                assertThatThrownBy(() -> ContextExchange.establish(initiator, acceptor))
                        .isInstanceOf(PeerRejectedException.class)
                        .hasMessageStartingWith("gss-ntlmssp acceptor refused STEP");
                assertThat(acceptor.isEstablished()).isFalse();
            }
        }

        @Test
        void keepsSealingWithGssNtlmsspAfterBothResetTheirKeyStreams() throws Exception {
            try (PythonPeer acceptor = NtlmPeers.gssAcceptor(ALICE);
                    NtlmInitiatorContext initiator = ourInitiator(ALICE)) {
                ContextExchange.establish(initiator, acceptor);
                assertSealsBothWays(initiator, acceptor);

                initiator.resetCryptoState();
                acceptor.resetCryptoState();

                assertSealsBothWays(initiator, acceptor);
            }
        }

        @Test
        void sendsAUpnWithEmptyDomainThatGssNtlmsspAccepts() throws Exception {
            // MS-NLMP 3.1.5.1.2: a UPN travels whole in UserName with an empty DomainName
            NtlmTestUser upn = new NtlmTestUser("", "alice@EXAMPLE.TEST", ALICE.password());
            try (PythonPeer acceptor = NtlmPeers.gssAcceptor(upn);
                    NtlmInitiatorContext initiator = ourInitiator(upn)) {
                ContextExchange.establish(initiator, acceptor);

                assertThat(acceptor.peerName()).isEqualTo("\\alice@EXAMPLE.TEST");
                assertSealsBothWays(initiator, acceptor);
            }
        }

        @Test
        void sendsABareUserNameThatGssNtlmsspAccepts() throws Exception {
            try (PythonPeer acceptor = NtlmPeers.gssAcceptor(ALICE);
                    NtlmInitiatorContext initiator = ourInitiator(new NtlmTestUser("", "alice", ALICE.password()))) {
                ContextExchange.establish(initiator, acceptor);

                assertSealsBothWays(initiator, acceptor);
            }
        }

        @Test
        void isAcceptedBySambaNtlmAuth() throws Exception {
            try (SambaNtlmAcceptor samba = SambaNtlmAcceptor.start(ALICE);
                    NtlmInitiatorContext initiator = ourInitiator(ALICE)) {
                assertThat(ContextExchange.establish(initiator, samba)).isEqualTo(3);

                assertThat(samba.peerName()).isEqualTo("EXAMPLE\\alice");
            }
        }

        @Test
        void isRefusedBySambaNtlmAuthWithAWrongPassword() throws Exception {
            try (SambaNtlmAcceptor samba = SambaNtlmAcceptor.start(ALICE);
                    NtlmInitiatorContext initiator = ourInitiator(WRONG_PASSWORD)) {
                assertThatThrownBy(() -> ContextExchange.establish(initiator, samba))
                        .isInstanceOfSatisfying(PeerRejectedException.class,
                                e -> assertThat(e.peerMessage()).isEqualTo("NT_STATUS_LOGON_FAILURE"));
            }
        }
    }

    @Nested
    class OurAcceptor {
        @Test
        void acceptsGssNtlmsspInitiatorAndSealsBothWays() throws Exception {
            try (PythonPeer initiator = NtlmPeers.gssInitiator(ALICE);
                    NtlmAcceptorContext acceptor = ourAcceptor()) {
                assertThat(ContextExchange.establish(initiator, acceptor)).isEqualTo(3);

                // gss-ntlmssp 1.2 adds an AUTHENTICATE MIC only when SPNEGO asks for one, not on the raw mechanism
                assertThat(acceptor.isMicVerified()).isFalse();
                assertThat(acceptor.peerName()).isEqualTo("EXAMPLE\\alice");
                assertSealsBothWays(initiator, acceptor);
                assertMicsVerifyBothWays(initiator, acceptor);
            }
        }

        @Test
        void refusesGssNtlmsspInitiatorWithAWrongPassword() throws Exception {
            try (PythonPeer initiator = NtlmPeers.gssInitiator(WRONG_PASSWORD);
                    NtlmAcceptorContext acceptor = ourAcceptor()) {
                assertThatThrownBy(() -> ContextExchange.establish(initiator, acceptor))
                        .isInstanceOfSatisfying(NtlmAuthenticationException.class,
                                e -> assertThat(e.ntStatus()).isEqualTo(NtlmAuthenticationException.STATUS_LOGON_FAILURE));
                assertThat(acceptor.isEstablished()).isFalse();
            }
        }

        @Test
        void keepsSealingWithGssNtlmsspAfterBothResetTheirKeyStreams() throws Exception {
            try (PythonPeer initiator = NtlmPeers.gssInitiator(ALICE);
                    NtlmAcceptorContext acceptor = ourAcceptor()) {
                ContextExchange.establish(initiator, acceptor);
                assertSealsBothWays(initiator, acceptor);

                initiator.resetCryptoState();
                acceptor.resetCryptoState();

                assertSealsBothWays(initiator, acceptor);
            }
        }

        @Test
        void acceptsNtlmAuthInitiatorAndSealsBothWays() throws Exception {
            try (PythonPeer initiator = NtlmPeers.ntlmAuthInitiator(ALICE);
                    NtlmAcceptorContext acceptor = ourAcceptor()) {
                assertThat(ContextExchange.establish(initiator, acceptor)).isEqualTo(3);

                assertThat(acceptor.isMicVerified()).isTrue();
                assertThat(acceptor.peerName()).isEqualTo("EXAMPLE\\alice");
                assertSealsBothWays(initiator, acceptor);
            }
        }

        @Test
        void refusesNtlmAuthInitiatorWithAWrongPassword() throws Exception {
            try (PythonPeer initiator = NtlmPeers.ntlmAuthInitiator(WRONG_PASSWORD);
                    NtlmAcceptorContext acceptor = ourAcceptor()) {
                assertThatThrownBy(() -> ContextExchange.establish(initiator, acceptor))
                        .isInstanceOf(NtlmAuthenticationException.class);
                assertThat(acceptor.isEstablished()).isFalse();
            }
        }
    }

    /** GSS_Wrap by one side, GSS_Unwrap by the other, in both directions and for several sequence numbers. */
    private static void assertSealsBothWays(SecurityContext initiator, SecurityContext acceptor) throws Exception {
        for (String text : new String[] {"first", "a second, longer message: " + "x".repeat(300), ""}) {
            byte[] request = ("request " + text).getBytes(StandardCharsets.UTF_8);
            byte[] sealed = initiator.wrap(request);
            assertThat(new String(sealed, StandardCharsets.ISO_8859_1)).as("sealed, not only signed")
                    .doesNotContain(new String(request, StandardCharsets.ISO_8859_1));
            assertThat(acceptor.unwrap(sealed)).isEqualTo(request);

            byte[] response = ("response " + text).getBytes(StandardCharsets.UTF_8);
            assertThat(initiator.unwrap(acceptor.wrap(response))).isEqualTo(response);
        }
    }

    private static void assertMicsVerifyBothWays(SecurityContext initiator, SecurityContext acceptor)
            throws Exception {
        byte[] message = "signed, not sealed".getBytes(StandardCharsets.UTF_8);
        acceptor.verifyMic(message, initiator.getMic(message));
        initiator.verifyMic(message, acceptor.getMic(message));
        byte[] forged = initiator.getMic(message);
        forged[forged.length - 1] ^= 1;
        assertThatThrownBy(() -> acceptor.verifyMic(message, forged)).isInstanceOf(ProtocolException.class);
    }
}
