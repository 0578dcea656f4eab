package io.jenkins.plugins.winrmcredssp.protocol.kerberos;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.jenkins.plugins.winrmcredssp.protocol.auth.Mechanism;
import io.jenkins.plugins.winrmcredssp.protocol.auth.SecurityContext;
import io.jenkins.plugins.winrmcredssp.protocol.auth.UserCredentials;
import io.jenkins.plugins.winrmcredssp.protocol.ntlm.NtlmInitiatorContext;
import io.jenkins.plugins.winrmcredssp.protocol.spnego.SpnegoCandidate;
import io.jenkins.plugins.winrmcredssp.protocol.spnego.SpnegoInitiatorContext;
import io.jenkins.plugins.winrmcredssp.testsupport.ContextExchange;
import io.jenkins.plugins.winrmcredssp.testsupport.MitKdc;
import io.jenkins.plugins.winrmcredssp.testsupport.PeerRejectedException;
import io.jenkins.plugins.winrmcredssp.testsupport.PythonPeer;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Interop with MIT Kerberos 1.20: tickets from MIT's krb5kdc, our initiator against MIT's GSSAPI acceptor
 * (python3-gssapi; Kerberos, and SPNEGO with our SPNEGO initiator) and MIT's initiator against our acceptor, messages
 * protected both ways. Skips on a machine without
 * the packages, fails under CI=true.
 */
class KerberosMitInteropTest {
    private static MitKdc kdc;
    private static KerberosSettings settings;

    @BeforeAll
    static void startKdc() throws Exception {
        kdc = MitKdc.start();
        settings = KerberosSettings.defaults().withKrb5Conf(kdc.krb5Conf());
        Krb5Config.use(kdc.krb5Conf());
    }

    @AfterAll
    static void stopKdc() {
        Krb5Config.release();
        if (kdc != null) {
            kdc.close();
        }
    }

    private static KerberosInitiatorContext initiator(String user, String password) {
        return new KerberosInitiatorContext(UserCredentials.parse(user, password.toCharArray()), "localhost", settings);
    }

    @Test
    void ourInitiatorIsAcceptedByMitAndMessagesRoundTrip() throws Exception {
        for (String user : new String[] {kdc.userPrincipal(), "EXAMPLE\\" + MitKdc.USER}) {
            try (KerberosInitiatorContext ours = initiator(user, MitKdc.USER_PASSWORD);
                 PythonPeer mit = kdc.gssAcceptor(Mechanism.KERBEROS)) {
                assertThat(ContextExchange.establish(ours, mit)).as("AP-REQ, AP-REP").isEqualTo(2);
                assertThat(mit.peerName()).isEqualTo(kdc.userPrincipal());
                assertThat(ours.peerName()).isEqualTo(kdc.servicePrincipal());
                assertMessagesRoundTrip(ours, mit);
            }
        }
    }

    @Test
    void mitInitiatorIsAcceptedByOursAndMessagesRoundTrip() throws Exception {
        try (PythonPeer mit = kdc.gssInitiator(Mechanism.KERBEROS, kdc.userPrincipal(), MitKdc.USER_PASSWORD,
                MitKdc.SERVICE_HOST_BASED);
             KerberosAcceptorContext ours = new KerberosAcceptorContext(kdc.keytab(), kdc.servicePrincipal())) {
            ContextExchange.establish(mit, ours);
            assertThat(ours.peerName()).isEqualTo(kdc.userPrincipal());
            assertMessagesRoundTrip(mit, ours);
        }
    }

    /** SPNEGO as Windows' Negotiate offers it (Kerberos first, NTLM second): MIT takes the optimistic Kerberos token. */
    @Test
    void spnegoWithKerberosFirstIsAcceptedByMitSpnego() throws Exception {
        UserCredentials user = UserCredentials.parse(kdc.userPrincipal(), MitKdc.USER_PASSWORD.toCharArray());
        SpnegoInitiatorContext spnego = new SpnegoInitiatorContext(List.of(
                new SpnegoCandidate(Mechanism.KERBEROS, () -> new KerberosInitiatorContext(user, "localhost", settings)),
                new SpnegoCandidate(Mechanism.NTLM,
                        () -> NtlmInitiatorContext.builder(user).targetSpn("HTTP/localhost").build())));
        try (spnego; PythonPeer mit = kdc.gssAcceptor(Mechanism.SPNEGO)) {
            ContextExchange.establish(spnego, mit);
            assertThat(spnego.negotiatedMechanism()).isEqualTo(Mechanism.KERBEROS);
            assertThat(spnego.fallbackReasons()).isEmpty();
            assertThat(mit.peerName()).isEqualTo(kdc.userPrincipal());
            assertMessagesRoundTrip(spnego, mit);
        }
    }

    @Test
    void wrongPasswordIsPreauthFailed24() {
        KerberosException e = failure(initiator(kdc.userPrincipal(), "not-" + MitKdc.USER_PASSWORD));
        assertThat(e.failure()).isEqualTo(KerberosFailure.WRONG_PASSWORD);
        assertThat(e).hasMessageContaining("pre-authentication failed: wrong password (KDC_ERR_PREAUTH_FAILED, 24)")
                .hasMessageNotContaining("not-" + MitKdc.USER_PASSWORD);
    }

    @Test
    void unknownUserAndUnknownServiceAreTold() {
        assertThat(failure(initiator("nobody@EXAMPLE.TEST", MitKdc.USER_PASSWORD)).failure())
                .isEqualTo(KerberosFailure.CLIENT_UNKNOWN);
        KerberosException e = failure(new KerberosInitiatorContext(
                UserCredentials.parse(kdc.userPrincipal(), MitKdc.USER_PASSWORD.toCharArray()), "win1.example.test",
                settings));
        assertThat(e.failure()).isEqualTo(KerberosFailure.SERVICE_UNKNOWN);
        assertThat(e).hasMessageContaining("HTTP/win1.example.test@" + MitKdc.REALM).hasMessageContaining("setspn -L");
    }

    private static KerberosException failure(KerberosInitiatorContext initiator) {
        try (initiator) {
            return catchThrowableOfType(KerberosException.class, () -> initiator.step(null));
        }
    }

    private static void assertMessagesRoundTrip(SecurityContext initiator, SecurityContext acceptor) throws Exception {
        byte[] request = "<s:Envelope>request</s:Envelope>".getBytes(UTF_8);
        byte[] response = "<s:Envelope>response</s:Envelope>".getBytes(UTF_8);
        for (int i = 0; i < 3; i++) {
            assertThat(acceptor.unwrap(initiator.wrap(request))).isEqualTo(request);
            assertThat(initiator.unwrap(acceptor.wrap(response))).isEqualTo(response);
        }
        acceptor.verifyMic(request, initiator.getMic(request));
        initiator.verifyMic(response, acceptor.getMic(response));
        byte[] tampered = initiator.wrap(request);
        tampered[tampered.length - 1] ^= 1;
        assertThatThrownBy(() -> acceptor.unwrap(tampered)).isInstanceOfAny(KerberosException.class,
                PeerRejectedException.class);
    }
}
