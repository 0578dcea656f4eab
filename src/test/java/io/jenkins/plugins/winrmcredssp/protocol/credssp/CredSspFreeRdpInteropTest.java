package io.jenkins.plugins.winrmcredssp.protocol.credssp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.jenkins.plugins.winrmcredssp.protocol.auth.Mechanism;
import io.jenkins.plugins.winrmcredssp.protocol.auth.SecurityContext;
import io.jenkins.plugins.winrmcredssp.protocol.auth.UserCredentials;
import io.jenkins.plugins.winrmcredssp.protocol.ntlm.NtlmInitiatorContext;
import io.jenkins.plugins.winrmcredssp.protocol.spnego.SpnegoCandidate;
import io.jenkins.plugins.winrmcredssp.protocol.spnego.SpnegoInitiatorContext;
import io.jenkins.plugins.winrmcredssp.testsupport.FreeRdpShadowServer;
import io.jenkins.plugins.winrmcredssp.testsupport.FreeRdpShadowServer.SamAccount;
import io.jenkins.plugins.winrmcredssp.testsupport.InteropPeers;
import io.jenkins.plugins.winrmcredssp.testsupport.PythonPeer;
import io.jenkins.plugins.winrmcredssp.testsupport.RdpNlaTransport;
import java.io.EOFException;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Our CredSSP initiator against FreeRDP 2.11's CredSSP acceptor (docs: /work/shared/INTEROP.md), over the RDP prelude.
 * FreeRDP wants raw NTLMSSP inner tokens: each case runs with this project's {@link NtlmInitiatorContext} and with
 * python3-ntlm-auth, independent of this project, so that a failure with both points at the CredSSP layer.
 * (gss-ntlmssp's initiator refuses FreeRDP's CHALLENGE flags.)
 */
class CredSspFreeRdpInteropTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(15);
    private static FreeRdpShadowServer server;

    @BeforeAll
    static void startServer() throws IOException {
        FreeRdpShadowServer.requireInstalled();
        InteropPeers.requirePythonModules("python3-ntlm-auth", "ntlm_auth");
        server = FreeRdpShadowServer.start();
    }

    @AfterAll
    static void stopServer() {
        if (server != null) {
            server.close();
        }
    }

    enum Inner { PROJECT_NTLM, NTLM_AUTH, PROJECT_SPNEGO }

    @ParameterizedTest(name = "client version {0}, {1}")
    @CsvSource({"2, PROJECT_NTLM", "3, PROJECT_NTLM", "4, PROJECT_NTLM", "5, PROJECT_NTLM", "6, PROJECT_NTLM",
        "2, NTLM_AUTH", "3, NTLM_AUTH", "4, NTLM_AUTH", "5, NTLM_AUTH", "6, NTLM_AUTH"})
    void freeRdpAcceptsTheDelegatedCredentials(int version, Inner inner) throws Exception {
        int mark = server.logMark();
        CredSspClientContext client = run("alice", FreeRdpShadowServer.ALICE.password(), version, inner);
        assertThat(client.isComplete()).isTrue();
        assertThat(client.negotiatedVersion()).isEqualTo(version);
        assertThat(client.tlsProtocol()).isEqualTo("TLSv1.3");
        assertThat(client.innerMechanism()).isEqualTo(Mechanism.NTLM);
        server.awaitLog(FreeRdpShadowServer.CREDENTIALS_RECEIVED, mark, TIMEOUT);
    }

    @ParameterizedTest
    @EnumSource(value = Inner.class, names = {"PROJECT_NTLM", "NTLM_AUTH"})
    void domainBoundUserIsAccepted(Inner inner) throws Exception {
        SamAccount bob = FreeRdpShadowServer.BOB;
        int mark = server.logMark();
        CredSspClientContext client = run(bob.domain() + "\\" + bob.user(), bob.password(), 6, inner);
        assertThat(client.isComplete()).isTrue();
        server.awaitLog(FreeRdpShadowServer.CREDENTIALS_RECEIVED, mark, TIMEOUT);
    }

    @ParameterizedTest
    @EnumSource(value = Inner.class, names = {"PROJECT_NTLM", "NTLM_AUTH"})
    void wrongPasswordIsAClearAuthenticationFailure(Inner inner) throws Exception {
        int mark = server.logMark();
        CredSspException error = catchThrowableOfType(
                () -> run("alice", "Wr0ng-Passw0rd", 6, inner), CredSspException.class);
        assertThat(error).isNotNull();
        assertThat(error.stage()).isEqualTo(CredSspStage.PUBLIC_KEY_EXCHANGE);
        assertThat(error).hasMessageContaining("user name or password").hasMessageContaining("no credentials were sent")
                .hasMessageNotContaining("Wr0ng-Passw0rd");
        server.awaitLog(FreeRdpShadowServer.MIC_VERIFICATION_FAILED, mark, TIMEOUT);
        assertThat(server.logSince(mark)).doesNotContain(FreeRdpShadowServer.CREDENTIALS_RECEIVED);
    }

    /** FreeRDP takes raw NTLMSSP only: SPNEGO gets an errorCode, reported with stage, name and hint. */
    @Test
    void spnegoWrappedTokensGetFreeRdpsErrorCode() {
        CredSspException error = catchThrowableOfType(
                () -> run("alice", FreeRdpShadowServer.ALICE.password(), 6, Inner.PROJECT_SPNEGO), CredSspException.class);
        assertThat(error).isNotNull();
        assertThat(error.stage()).isEqualTo(CredSspStage.AUTHENTICATION);
        assertThat(error.round()).isEqualTo(1);
        assertThat(error.ntStatus()).hasValue(0xC00700EAL);
        assertThat(error).hasMessageContaining("authentication round 1").hasMessageContaining("0xC00700EA")
                .hasMessageContaining("raw NTLMSSP (not SPNEGO)");
    }

    /** Runs the client over the RDP prelude until it completes or fails. */
    private static CredSspClientContext run(String userName, String password, int version, Inner inner)
            throws Exception {
        UserCredentials credentials = UserCredentials.parse(userName, password.toCharArray());
        SecurityContext ntlm = switch (inner) {
            case PROJECT_NTLM -> NtlmInitiatorContext.builder(credentials).build();
            case PROJECT_SPNEGO -> SpnegoInitiatorContext.withoutFallback(new SpnegoCandidate(Mechanism.NTLM,
                    () -> NtlmInitiatorContext.builder(credentials).build()));
            case NTLM_AUTH -> PythonPeer.start("python3-ntlm-auth initiator", Mechanism.NTLM, "ntlm_auth_initiator_rdp.py",
                    List.of("--user", credentials.user(), "--domain", credentials.domain()),
                    Map.of("PEER_PASSWORD", password), null);
        };
        CredSspClientContext client = CredSspClientContext.builder(credentials, ntlm).maximumVersion(version).build();
        try (RdpNlaTransport transport = RdpNlaTransport.connect(server, TIMEOUT)) {
            transport.send(client.step(null));
            while (!client.isComplete()) {
                byte[] received;
                try {
                    received = transport.receive();
                } catch (EOFException closed) {
                    client.peerClosed();
                    throw new AssertionError("peerClosed() must throw before completion", closed);
                }
                byte[] reply = client.step(received);
                if (reply.length > 0) {
                    transport.send(reply);
                }
            }
            return client;
        } finally {
            client.close();
            credentials.destroy();
        }
    }
}
