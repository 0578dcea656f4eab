package io.jenkins.plugins.winrmcredssp.testsupport;

import static io.jenkins.plugins.winrmcredssp.testsupport.NtlmTestUser.ALICE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.winrmcredssp.protocol.auth.SecurityContext;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * Proves the NTLM peers against each other (no code of ours involved), so that a failure in NtlmInteropTest points at
 * our NTLM code and not at the harness.
 */
class NtlmPeersTest {
    private static final NtlmTestUser WRONG_PASSWORD = ALICE.withPassword("not-" + ALICE.password());

    @Test
    void gssInitiatorIsAcceptedByGssAcceptorAndSealsBothWays() throws Exception {
        try (PythonPeer acceptor = NtlmPeers.gssAcceptor(ALICE);
                PythonPeer initiator = NtlmPeers.gssInitiator(ALICE)) {
            assertThat(ContextExchange.establish(initiator, acceptor)).isEqualTo(3);

            assertThat(acceptor.peerName()).isEqualTo("EXAMPLE\\alice");
            assertSealsBothWays(initiator, acceptor);
            byte[] message = bytes("signed only");
            acceptor.verifyMic(message, initiator.getMic(message));
            initiator.verifyMic(message, acceptor.getMic(message));
        }
    }

    @Test
    void gssPeersKeepSealingAfterBothResetTheirKeyStreams() throws Exception {
        try (PythonPeer acceptor = NtlmPeers.gssAcceptor(ALICE);
                PythonPeer initiator = NtlmPeers.gssInitiator(ALICE)) {
            ContextExchange.establish(initiator, acceptor);
            assertSealsBothWays(initiator, acceptor);

            initiator.resetCryptoState();
            assertThatThrownBy(() -> acceptor.unwrap(initiator.wrap(bytes("one side reset"))))
                    .isInstanceOf(PeerRejectedException.class);
            acceptor.resetCryptoState();
            initiator.resetCryptoState();
            assertSealsBothWays(initiator, acceptor);
        }
    }

    @Test
    void spnegoOverGssNtlmsspExchangesMechListMicAndSealsBothWays() throws Exception {
        try (PythonPeer acceptor = NtlmPeers.gssSpnegoAcceptor(ALICE);
                PythonPeer initiator = NtlmPeers.gssSpnegoInitiator(ALICE)) {
            // NegTokenInit(NEGOTIATE), NegTokenResp(CHALLENGE), NegTokenResp(AUTHENTICATE, mechListMIC),
            // NegTokenResp(accept-completed, mechListMIC)
            assertThat(ContextExchange.establish(initiator, acceptor)).isEqualTo(4);

            assertThat(acceptor.peerName()).isEqualTo("EXAMPLE\\alice");
            assertSealsBothWays(initiator, acceptor);
        }
    }

    @Test
    void spnegoOverGssNtlmsspRefusesWrongPassword() throws Exception {
        try (PythonPeer acceptor = NtlmPeers.gssSpnegoAcceptor(ALICE);
                PythonPeer initiator = NtlmPeers.gssSpnegoInitiator(WRONG_PASSWORD)) {
            assertThatThrownBy(() -> ContextExchange.establish(initiator, acceptor))
                    .isInstanceOf(PeerRejectedException.class);
        }
    }

    @Test
    void gssAcceptorRefusesWrongPassword() throws Exception {
        try (PythonPeer acceptor = NtlmPeers.gssAcceptor(ALICE);
                PythonPeer initiator = NtlmPeers.gssInitiator(WRONG_PASSWORD)) {
            assertThatThrownBy(() -> ContextExchange.establish(initiator, acceptor))
                    .isInstanceOf(PeerRejectedException.class)
                    .hasMessageStartingWith("gss-ntlmssp acceptor refused STEP");
            assertThat(acceptor.isEstablished()).isFalse();
        }
    }

    @Test
    void gssAcceptorComparesTheDomainAsItsUsersFileSpellsIt() throws Exception {
        NtlmTestUser lowerCaseDomain = new NtlmTestUser("example", ALICE.user(), ALICE.password());
        try (PythonPeer acceptor = NtlmPeers.gssAcceptor(ALICE);
                PythonPeer initiator = NtlmPeers.ntlmAuthInitiator(lowerCaseDomain)) {
            assertThatThrownBy(() -> ContextExchange.establish(initiator, acceptor))
                    .isInstanceOf(PeerRejectedException.class);
        }
    }

    @Test
    void ntlmAuthInitiatorIsAcceptedByGssAcceptorAndSealsBothWays() throws Exception {
        try (PythonPeer acceptor = NtlmPeers.gssAcceptor(ALICE);
                PythonPeer initiator = NtlmPeers.ntlmAuthInitiator(ALICE)) {
            ContextExchange.establish(initiator, acceptor);

            assertThat(acceptor.peerName()).isEqualTo("EXAMPLE\\alice");
            assertSealsBothWays(initiator, acceptor);
        }
    }

    @Test
    void ntlmAuthInitiatorWithWrongPasswordIsRefusedByGssAcceptor() throws Exception {
        try (PythonPeer acceptor = NtlmPeers.gssAcceptor(ALICE);
                PythonPeer initiator = NtlmPeers.ntlmAuthInitiator(WRONG_PASSWORD)) {
            assertThatThrownBy(() -> ContextExchange.establish(initiator, acceptor))
                    .isInstanceOf(PeerRejectedException.class);
        }
    }

    @Test
    void sambaAcceptsBothInitiatorsWithTheRightPassword() throws Exception {
        for (boolean gss : new boolean[] {true, false}) {
            try (SambaNtlmAcceptor samba = SambaNtlmAcceptor.start(ALICE);
                    PythonPeer initiator = gss ? NtlmPeers.gssInitiator(ALICE) : NtlmPeers.ntlmAuthInitiator(ALICE)) {
                assertThat(ContextExchange.establish(initiator, samba)).as(initiator.toString()).isEqualTo(3);
                assertThat(samba.peerName()).isEqualTo("EXAMPLE\\alice");
            }
        }
    }

    @Test
    void sambaRefusesWrongPasswordWithLogonFailure() throws Exception {
        try (SambaNtlmAcceptor samba = SambaNtlmAcceptor.start(ALICE);
                PythonPeer initiator = NtlmPeers.ntlmAuthInitiator(WRONG_PASSWORD)) {
            assertThatThrownBy(() -> ContextExchange.establish(initiator, samba))
                    .isInstanceOfSatisfying(PeerRejectedException.class,
                            e -> assertThat(e.peerMessage()).isEqualTo("NT_STATUS_LOGON_FAILURE"));
        }
    }

    @Test
    void peerScriptsStopAndCleanUpOnClose() throws Exception {
        PythonPeer acceptor = NtlmPeers.gssAcceptor(ALICE);
        acceptor.close();
        assertThatThrownBy(() -> acceptor.step(new byte[] {1}))
                .isInstanceOf(java.io.UncheckedIOException.class);
    }

    static void assertSealsBothWays(SecurityContext initiator, SecurityContext acceptor) throws Exception {
        for (String text : new String[] {"first", "second message, longer than the first", ""}) {
            byte[] request = bytes("request " + text);
            byte[] sealed = initiator.wrap(request);
            assertThat(new String(sealed, StandardCharsets.ISO_8859_1)).as("sealed, not signed only")
                    .doesNotContain(new String(request, StandardCharsets.ISO_8859_1));
            assertThat(acceptor.unwrap(sealed)).isEqualTo(request);
            byte[] response = bytes("response " + text);
            assertThat(initiator.unwrap(acceptor.wrap(response))).isEqualTo(response);
        }
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
