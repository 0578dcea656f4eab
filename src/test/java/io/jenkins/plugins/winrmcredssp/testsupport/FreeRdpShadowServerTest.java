package io.jenkins.plugins.winrmcredssp.testsupport;

import static io.jenkins.plugins.winrmcredssp.testsupport.FreeRdpShadowServer.ALICE;
import static io.jenkins.plugins.winrmcredssp.testsupport.FreeRdpShadowServer.BOB;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Proves the CredSSP acceptor harness with FreeRDP's own client before our client is measured against it. */
class FreeRdpShadowServerTest {
    private static final Duration LOG_WAIT = Duration.ofSeconds(10);
    private static FreeRdpShadowServer server;

    @BeforeAll
    static void startServer() throws IOException {
        server = FreeRdpShadowServer.start();
    }

    @AfterAll
    static void stopServer() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void listensOnLoopbackOnly() {
        assertThat(server.host()).isEqualTo("127.0.0.1");
        assertThat(server.log()).contains("Listening on [127.0.0.1]:" + server.port());
    }

    @Test
    void samFileHoldsPlainAndDomainBoundAccounts() throws IOException {
        assertThat(java.nio.file.Files.readAllLines(server.samFile()))
                .hasSize(2)
                .satisfiesExactly(
                        plain -> assertThat(plain).matches("alice:::[0-9a-f]{32}:::"),
                        bound -> assertThat(bound).matches("bob:EXAMPLE::[0-9a-f]{32}:::"));
    }

    @Test
    void referenceClientWithRightPasswordDelegatesCredentials() throws IOException {
        int mark = server.logMark();
        PeerProcess.Completed client = server.runReferenceClient(ALICE.user(), "", ALICE.password());

        assertThat(client.exitCode()).as(client.output()).isZero();
        server.awaitLog(FreeRdpShadowServer.CREDENTIALS_RECEIVED, mark, LOG_WAIT);
    }

    @Test
    void referenceClientWithWrongPasswordIsRefused() throws IOException {
        int mark = server.logMark();
        PeerProcess.Completed client = server.runReferenceClient(ALICE.user(), "", "not-" + ALICE.password());

        assertThat(client.exitCode()).as(client.output()).isNotZero();
        server.awaitLog(FreeRdpShadowServer.MIC_VERIFICATION_FAILED, mark, LOG_WAIT);
        assertThat(server.logSince(mark)).doesNotContain(FreeRdpShadowServer.CREDENTIALS_RECEIVED);
    }

    @Test
    void domainBoundAccountNeedsItsDomain() throws IOException {
        int mark = server.logMark();
        assertThat(server.runReferenceClient(BOB.user(), BOB.domain(), BOB.password()).exitCode()).isZero();
        server.awaitLog(FreeRdpShadowServer.CREDENTIALS_RECEIVED, mark, LOG_WAIT);

        mark = server.logMark();
        assertThat(server.runReferenceClient(BOB.user(), "OTHER", BOB.password()).exitCode()).isNotZero();
        server.awaitLog(FreeRdpShadowServer.UNKNOWN_USER, mark, LOG_WAIT);
    }
}
