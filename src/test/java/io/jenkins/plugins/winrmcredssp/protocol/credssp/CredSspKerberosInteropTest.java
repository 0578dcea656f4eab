package io.jenkins.plugins.winrmcredssp.protocol.credssp;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.winrmcredssp.protocol.auth.Mechanism;
import io.jenkins.plugins.winrmcredssp.protocol.auth.SecurityContext;
import io.jenkins.plugins.winrmcredssp.protocol.auth.UserCredentials;
import io.jenkins.plugins.winrmcredssp.protocol.kerberos.KerberosAcceptorContext;
import io.jenkins.plugins.winrmcredssp.protocol.kerberos.KerberosInitiatorContext;
import io.jenkins.plugins.winrmcredssp.protocol.kerberos.KerberosSettings;
import io.jenkins.plugins.winrmcredssp.protocol.kerberos.Krb5Config;
import io.jenkins.plugins.winrmcredssp.protocol.ntlm.NtlmInitiatorContext;
import io.jenkins.plugins.winrmcredssp.protocol.spnego.SpnegoCandidate;
import io.jenkins.plugins.winrmcredssp.protocol.spnego.SpnegoInitiatorContext;
import io.jenkins.plugins.winrmcredssp.testsupport.MitKdc;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * CredSSP with Kerberos inside (MS-CSSP §3.1.5 step 2 with SPNEGO preferring Kerberos, as Windows' Negotiate does),
 * tickets from MIT krb5kdc. The acceptor's inner context is MIT GSSAPI (independent of this project) or ours.
 * Kerberos needs the AP-REP before it can protect anything, so pubKeyAuth goes in its own TSRequest.
 */
class CredSspKerberosInteropTest {
    private static MitKdc kdc;
    private static KerberosSettings settings;
    private static final List<AutoCloseable> PEERS = new ArrayList<>();

    @BeforeAll
    static void startKdc() throws Exception {
        kdc = MitKdc.start();
        settings = KerberosSettings.defaults().withKrb5Conf(kdc.krb5Conf());
        Krb5Config.use(kdc.krb5Conf());
    }

    @AfterAll
    static void stopKdc() throws Exception {
        for (AutoCloseable peer : PEERS) {
            peer.close();
        }
        Krb5Config.release();
        if (kdc != null) {
            kdc.close();
        }
    }

    private static UserCredentials user() {
        return UserCredentials.parse(kdc.userPrincipal(), MitKdc.USER_PASSWORD.toCharArray());
    }

    private static Supplier<SecurityContext> mitAcceptor(Mechanism mechanism) {
        return () -> {
            try {
                SecurityContext peer = kdc.gssAcceptor(mechanism);
                PEERS.add(peer);
                return peer;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        };
    }

    @Test
    void kerberosInsideCredSspIsAcceptedByMitGssapi() throws Exception {
        UserCredentials user = user();
        CredSspAcceptorContext acceptor = run(new KerberosInitiatorContext(user, "localhost", settings),
                mitAcceptor(Mechanism.KERBEROS), user, Mechanism.KERBEROS);
        assertThat(acceptor.clientName()).isEqualTo(kdc.userPrincipal());
    }

    @Test
    void spnegoPreferringKerberosIsAcceptedByMitSpnego() throws Exception {
        UserCredentials user = user();
        SpnegoInitiatorContext spnego = new SpnegoInitiatorContext(List.of(
                new SpnegoCandidate(Mechanism.KERBEROS, () -> new KerberosInitiatorContext(user, "localhost", settings)),
                new SpnegoCandidate(Mechanism.NTLM,
                        () -> NtlmInitiatorContext.builder(user).targetSpn("HTTP/localhost").build())));
        run(spnego, mitAcceptor(Mechanism.SPNEGO), user, Mechanism.KERBEROS);
    }

    @Test
    void kerberosWithOurAcceptor() throws Exception {
        UserCredentials user = user();
        CredSspAcceptorContext acceptor = run(new KerberosInitiatorContext(user, "localhost", settings),
                () -> new KerberosAcceptorContext(kdc.keytab(), kdc.servicePrincipal()), user, Mechanism.KERBEROS);
        assertThat(acceptor.clientName()).isEqualTo(kdc.userPrincipal());
    }

    private static CredSspAcceptorContext run(SecurityContext inner, Supplier<SecurityContext> acceptorInner,
            UserCredentials user, Mechanism expected) throws Exception {
        CredSspClientContext client = CredSspClientContext.builder(user, inner).build();
        CredSspAcceptorContext acceptor = CredSspAcceptorContext.builder(TestIdentities.SERVER, acceptorInner::get).build();
        byte[] toServer = client.step(null);
        for (int i = 0; i < 10 && !client.isComplete(); i++) {
            toServer = client.step(acceptor.step(toServer));
        }
        acceptor.step(toServer);
        assertThat(client.isComplete()).isTrue();
        assertThat(client.negotiatedVersion()).isEqualTo(6);
        assertThat(client.innerMechanism()).isEqualTo(expected);
        assertThat(client.authenticationRound()).as("AP-REQ, then pubKeyAuth after the AP-REP").isEqualTo(1);
        TsPasswordCreds delegated = acceptor.delegatedCredentials();
        assertThat(delegated.userName()).isEqualTo(kdc.userPrincipal());
        assertThat(delegated.domainName()).isEmpty();
        assertThat(delegated.password()).isEqualTo(MitKdc.USER_PASSWORD.toCharArray());
        byte[] message = "<s:Envelope/>".getBytes(StandardCharsets.UTF_8);
        assertThat(acceptor.unwrap(client.wrap(message).bytes())).isEqualTo(message);
        client.close();
        return acceptor;
    }
}
