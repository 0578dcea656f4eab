package io.jenkins.plugins.winrmcredssp.protocol.spnego;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.winrmcredssp.protocol.ProtocolException;
import io.jenkins.plugins.winrmcredssp.protocol.auth.Mechanism;
import io.jenkins.plugins.winrmcredssp.protocol.auth.UserCredentials;
import io.jenkins.plugins.winrmcredssp.protocol.kerberos.KerberosAcceptorContext;
import io.jenkins.plugins.winrmcredssp.protocol.kerberos.KerberosException;
import io.jenkins.plugins.winrmcredssp.protocol.kerberos.KerberosFailure;
import io.jenkins.plugins.winrmcredssp.protocol.kerberos.KerberosInitiatorContext;
import io.jenkins.plugins.winrmcredssp.protocol.kerberos.KerberosSettings;
import io.jenkins.plugins.winrmcredssp.protocol.kerberos.Krb5Config;
import io.jenkins.plugins.winrmcredssp.protocol.ntlm.NtlmAccount;
import io.jenkins.plugins.winrmcredssp.protocol.ntlm.NtlmAcceptorContext;
import io.jenkins.plugins.winrmcredssp.protocol.ntlm.NtlmInitiatorContext;
import io.jenkins.plugins.winrmcredssp.protocol.ntlm.NtlmUserStore;
import io.jenkins.plugins.winrmcredssp.testsupport.ContextExchange;
import io.jenkins.plugins.winrmcredssp.testsupport.MitKdc;
import io.jenkins.plugins.winrmcredssp.testsupport.PythonPeer;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * SPNEGO with Kerberos first and NTLM second, the Windows "Negotiate" order, against MIT krb5 1.20 (KDC and SPNEGO
 * GSSAPI through python3-gssapi) and against our own acceptor. Skips without the packages, fails under CI=true.
 */
class SpnegoKerberosInteropTest {
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

    /** Kerberos that falls back to NTLM only when Kerberos is unavailable here, not when it said no. */
    private static SpnegoCandidate kerberos(String user, String password, String host) {
        return new SpnegoCandidate(Mechanism.KERBEROS,
                () -> new KerberosInitiatorContext(UserCredentials.parse(user, password.toCharArray()), host, settings),
                failure -> failure instanceof KerberosException k && k.kerberosUnavailable());
    }

    private static SpnegoCandidate ntlm() {
        return new SpnegoCandidate(Mechanism.NTLM, () -> NtlmInitiatorContext
                .builder(UserCredentials.parse("EXAMPLE\\" + MitKdc.USER, MitKdc.USER_PASSWORD.toCharArray()))
                .targetSpn("HTTP/localhost").workstation("JENKINS").build());
    }

    private static SpnegoAcceptorContext ourAcceptor() {
        NtlmAccount user = NtlmAccount.withPassword("EXAMPLE", MitKdc.USER, MitKdc.USER_PASSWORD.toCharArray());
        return new SpnegoAcceptorContext(Map.of(
                Mechanism.KERBEROS, () -> new KerberosAcceptorContext(kdc.keytab(), kdc.servicePrincipal()),
                Mechanism.NTLM, () -> NtlmAcceptorContext.builder(NtlmUserStore.of(List.of(user)))
                        .computerName("SERVER").domainName("EXAMPLE").build()));
    }

    @Test
    void ourInitiatorNegotiatesKerberosWithMitSpnego() throws Exception {
        try (PythonPeer mit = kdc.gssAcceptor(Mechanism.SPNEGO);
                SpnegoInitiatorContext ours = new SpnegoInitiatorContext(List.of(
                        kerberos(kdc.userPrincipal(), MitKdc.USER_PASSWORD, "localhost"), ntlm()))) {
            List<byte[]> tokens = SpnegoContextTest.handshake(ours, mit);
            assertThat(tokens).as("optimistic AP-REQ, then accept-completed with the AP-REP").hasSize(2);
            NegTokenInit init = (NegTokenInit) NegotiationToken.decode(tokens.get(0));
            assertThat(init.mechTypes()).containsExactly(Mechanism.KERBEROS.oid(), Mechanism.NTLM.oid());
            assertThat(ours.negotiatedMechanism()).isEqualTo(Mechanism.KERBEROS);
            assertThat(ours.fallbackReasons()).isEmpty();
            assertThat(mit.peerName()).isEqualTo(kdc.userPrincipal());
            SpnegoContextTest.exchangeMessages(ours, mit);
        }
    }

    @Test
    void mitSpnegoInitiatorIsAcceptedByOursWithKerberos() throws Exception {
        try (PythonPeer mit = kdc.gssInitiator(Mechanism.SPNEGO, kdc.userPrincipal(), MitKdc.USER_PASSWORD,
                        MitKdc.SERVICE_HOST_BASED);
                SpnegoAcceptorContext ours = ourAcceptor()) {
            ContextExchange.establish(mit, ours);
            assertThat(ours.negotiatedMechanism()).isIn(Mechanism.KERBEROS, Mechanism.KERBEROS_MS_LEGACY);
            assertThat(ours.peerName()).isEqualTo(kdc.userPrincipal());
            SpnegoContextTest.exchangeMessages(mit, ours);
        }
    }

    @Test
    void ourInitiatorAgainstOurAcceptorWithKerberos() throws Exception {
        try (SpnegoInitiatorContext initiator = new SpnegoInitiatorContext(List.of(
                        kerberos(kdc.userPrincipal(), MitKdc.USER_PASSWORD, "localhost"), ntlm()));
                SpnegoAcceptorContext acceptor = ourAcceptor()) {
            assertThat(SpnegoContextTest.handshake(initiator, acceptor)).hasSize(2);
            assertThat(acceptor.negotiatedMechanism()).isEqualTo(Mechanism.KERBEROS);
            SpnegoContextTest.exchangeMessages(initiator, acceptor);
        }
    }

    @Test
    void unknownServicePrincipalFallsBackToNtlmAndSaysWhy() throws Exception {
        try (SpnegoInitiatorContext initiator = new SpnegoInitiatorContext(List.of(
                        kerberos(kdc.userPrincipal(), MitKdc.USER_PASSWORD, "win1.example.test"), ntlm()));
                SpnegoAcceptorContext acceptor = ourAcceptor()) {
            SpnegoContextTest.handshake(initiator, acceptor);
            assertThat(initiator.negotiatedMechanism()).isEqualTo(Mechanism.NTLM);
            assertThat(initiator.fallbackReasons()).singleElement().satisfies(reason -> {
                assertThat(reason.mechanism()).isEqualTo(Mechanism.KERBEROS);
                assertThat(((KerberosException) reason.cause()).failure()).isEqualTo(KerberosFailure.SERVICE_UNKNOWN);
                assertThat(reason.describe()).contains("HTTP/win1.example.test@" + MitKdc.REALM);
            });
            SpnegoContextTest.exchangeMessages(initiator, acceptor);
        }
    }

    @Test
    void wrongKerberosPasswordDoesNotFallBack() {
        SpnegoInitiatorContext initiator = new SpnegoInitiatorContext(List.of(
                kerberos(kdc.userPrincipal(), "not-" + MitKdc.USER_PASSWORD, "localhost"), ntlm()));
        assertThatThrownBy(() -> initiator.step(null)).isInstanceOfSatisfying(KerberosException.class,
                e -> assertThat(e.failure()).isEqualTo(KerberosFailure.WRONG_PASSWORD))
                .hasMessageNotContaining("not-" + MitKdc.USER_PASSWORD);
        initiator.close();
    }

    @Test
    void mitSpnegoRefusesATamperedApReq() throws Exception {
        try (PythonPeer mit = kdc.gssAcceptor(Mechanism.SPNEGO);
                SpnegoInitiatorContext ours = SpnegoInitiatorContext.withoutFallback(
                        kerberos(kdc.userPrincipal(), MitKdc.USER_PASSWORD, "localhost"))) {
            NegTokenInit init = (NegTokenInit) NegotiationToken.decode(ours.step(null));
            byte[] apReq = init.mechToken().get();
            apReq[apReq.length - 5] ^= 1;
            byte[] tampered = NegTokenInit.of(init.mechTypes(), apReq).encode();
            assertThatThrownBy(() -> mit.step(tampered)).isInstanceOf(ProtocolException.class);
        }
    }
}
