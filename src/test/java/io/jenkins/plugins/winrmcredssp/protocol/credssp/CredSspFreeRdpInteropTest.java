package io.jenkins.plugins.winrmcredssp.protocol.credssp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.jenkins.plugins.winrmcredssp.protocol.auth.Mechanism;
import io.jenkins.plugins.winrmcredssp.protocol.auth.SecurityContext;
import io.jenkins.plugins.winrmcredssp.protocol.auth.UserCredentials;
import io.jenkins.plugins.winrmcredssp.protocol.ntlm.NtlmInitiatorContext;
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

    enum Inner { PROJECT_NTLM, NTLM_AUTH }

    @ParameterizedTest(name = "client version {0}, {1}")
    @CsvSource({"2, PROJECT_NTLM", "3, PROJECT_NTLM", "4, PROJECT_NTLM", "5, PROJECT_NTLM", "6, PROJECT_NTLM",
        "2, NTLM_AUTH", "3, NTLM_AUTH", "4, NTLM_AUTH", "5, NTLM_AUTH", "6, NTLM_AUTH"})
    void freeRdpAcceptsTheDelegatedCredentials(int version, Inner inner) throws Exception {
        int before = credentialsReceived();
        CredSspClientContext client = run("alice", FreeRdpShadowServer.ALICE.password(), version, inner);
        assertThat(client.isComplete()).isTrue();
        assertThat(client.negotiatedVersion()).isEqualTo(version);
        assertThat(client.tlsProtocol()).isEqualTo("TLSv1.3");
        assertThat(client.innerMechanism()).isEqualTo(Mechanism.NTLM);
        awaitCredentialsReceived(before + 1);
    }

    @ParameterizedTest
    @EnumSource(Inner.class)
    void domainBoundUserIsAccepted(Inner inner) throws Exception {
        SamAccount bob = FreeRdpShadowServer.BOB;
        int before = credentialsReceived();
        CredSspClientContext client = run(bob.domain() + "\\" + bob.user(), bob.password(), 6, inner);
        assertThat(client.isComplete()).isTrue();
        awaitCredentialsReceived(before + 1);
    }

    @ParameterizedTest
    @EnumSource(Inner.class)
    void wrongPasswordIsAClearAuthenticationFailure(Inner inner) throws Exception {
        int before = credentialsReceived();
        CredSspException error = catchThrowableOfType(
                () -> run("alice", "Wr0ng-Passw0rd", 6, inner), CredSspException.class);
        assertThat(error).isNotNull();
        assertThat(error.stage()).isEqualTo(CredSspStage.PUBLIC_KEY_EXCHANGE);
        assertThat(error).hasMessageContaining("user name or password").hasMessageContaining("no credentials were sent")
                .hasMessageNotContaining("Wr0ng-Passw0rd");
        server.awaitLog(FreeRdpShadowServer.MIC_VERIFICATION_FAILED, TIMEOUT);
        assertThat(credentialsReceived()).isEqualTo(before);
    }

    private static int credentialsReceived() {
        String log = server.log();
        int count = 0;
        for (int i = log.indexOf(FreeRdpShadowServer.CREDENTIALS_RECEIVED); i >= 0;
                i = log.indexOf(FreeRdpShadowServer.CREDENTIALS_RECEIVED, i + 1)) {
            count++;
        }
        return count;
    }

    /** FreeRDP logs a few milliseconds after the client finished. */
    private static void awaitCredentialsReceived(int expected) throws InterruptedException {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (credentialsReceived() < expected && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(credentialsReceived()).as("FreeRDP log lines '%s'", FreeRdpShadowServer.CREDENTIALS_RECEIVED)
                .isEqualTo(expected);
    }

    /** Runs the client over the RDP prelude until it completes or fails. */
    private static CredSspClientContext run(String userName, String password, int version, Inner inner)
            throws Exception {
        UserCredentials credentials = UserCredentials.parse(userName, password.toCharArray());
        SecurityContext ntlm = inner == Inner.PROJECT_NTLM ? NtlmInitiatorContext.builder(credentials).build()
                : PythonPeer.start("python3-ntlm-auth initiator", Mechanism.NTLM, "ntlm_auth_initiator_rdp.py",
                        List.of("--user", credentials.user(), "--domain", credentials.domain()),
                        Map.of("PEER_PASSWORD", password), null);
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
