package io.jenkins.plugins.winrmcredssp.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.winrmcredssp.protocol.auth.Mechanism;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Proves the throwaway MIT realm with MIT's own kinit and an MIT GSSAPI initiator/acceptor pair. */
class MitKdcTest {
    private static MitKdc kdc;

    @BeforeAll
    static void startKdc() throws IOException {
        kdc = MitKdc.start();
    }

    @AfterAll
    static void stopKdc() {
        if (kdc != null) {
            kdc.close();
        }
    }

    @Test
    void realmListensOnLoopbackPortAndPrefersTcp() throws IOException {
        String krb5Conf = Files.readString(kdc.krb5Conf());
        assertThat(kdc.port()).isNotEqualTo(88);
        assertThat(krb5Conf).contains("kdc = 127.0.0.1:" + kdc.port(), "udp_preference_limit = 1");
        assertThat(Files.size(kdc.keytab())).isPositive();
    }

    @Test
    void kinitWithRightPasswordGetsATicket() throws IOException {
        PeerProcess.Completed kinit = kdc.kinit(kdc.userPrincipal(), MitKdc.USER_PASSWORD);

        assertThat(kinit.exitCode()).as(kinit.output()).isZero();
    }

    @Test
    void kinitWithWrongPasswordFailsPreauthentication() throws IOException {
        PeerProcess.Completed kinit = kdc.kinit(kdc.userPrincipal(), "not-" + MitKdc.USER_PASSWORD);

        assertThat(kinit.exitCode()).isNotZero();
        assertThat(kinit.output()).contains("Password incorrect");
        assertThat(kdc.log()).contains("NEEDED_PREAUTH: " + kdc.userPrincipal(), "PREAUTH_FAILED: " + kdc.userPrincipal());
    }

    @Test
    void kinitForUnknownUserIsNotFound() throws IOException {
        PeerProcess.Completed kinit = kdc.kinit("nobody@" + MitKdc.REALM, MitKdc.USER_PASSWORD);

        assertThat(kinit.exitCode()).isNotZero();
        assertThat(kinit.output()).contains("not found in Kerberos database");
    }

    @Test
    void addedUserCanLogOn() throws IOException {
        kdc.addUser("carol", "Carol-pw1");

        assertThat(kdc.kinit("carol@" + MitKdc.REALM, "Carol-pw1").exitCode()).isZero();
    }

    @Test
    void mitInitiatorAuthenticatesToKeytabAcceptorAndMessagesRoundTrip() throws Exception {
        assertPeersInteroperate(Mechanism.KERBEROS);
    }

    @Test
    void spnegoOverKerberosAuthenticatesToKeytabAcceptor() throws Exception {
        assertPeersInteroperate(Mechanism.SPNEGO);
    }

    @Test
    void mitInitiatorWithWrongPasswordIsRefusedBeforeSendingAToken() throws Exception {
        try (PythonPeer initiator = kdc.gssInitiator(Mechanism.KERBEROS, kdc.userPrincipal(), "wrong",
                MitKdc.SERVICE_HOST_BASED)) {
            assertThatThrownBy(() -> initiator.step(null))
                    .isInstanceOf(PeerRejectedException.class)
                    .hasMessageContaining("Preauthentication failed");
        }
    }

    private static void assertPeersInteroperate(Mechanism mechanism) throws Exception {
        try (PythonPeer acceptor = kdc.gssAcceptor(mechanism);
                PythonPeer initiator = kdc.gssInitiator(mechanism, kdc.userPrincipal(), MitKdc.USER_PASSWORD,
                        MitKdc.SERVICE_HOST_BASED)) {
            ContextExchange.establish(initiator, acceptor);

            assertThat(acceptor.peerName()).isEqualTo(kdc.userPrincipal());
            byte[] request = "request".getBytes(StandardCharsets.UTF_8);
            byte[] response = "response".getBytes(StandardCharsets.UTF_8);
            byte[] wrapped = initiator.wrap(request);
            assertThat(wrapped).isNotEqualTo(request);
            assertThat(acceptor.unwrap(wrapped)).isEqualTo(request);
            assertThat(initiator.unwrap(acceptor.wrap(response))).isEqualTo(response);
            byte[] tampered = initiator.wrap(request);
            tampered[tampered.length - 1] ^= 1;
            assertThatThrownBy(() -> acceptor.unwrap(tampered)).as("tampered token")
                    .isInstanceOf(PeerRejectedException.class);
        }
    }
}
