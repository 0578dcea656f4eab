package io.jenkins.plugins.winrmcredssp.protocol.kerberos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.winrmcredssp.protocol.auth.Mechanism;
import io.jenkins.plugins.winrmcredssp.protocol.auth.UserCredentials;
import io.jenkins.plugins.winrmcredssp.protocol.credssp.TlsOptions;
import io.jenkins.plugins.winrmcredssp.protocol.credssp.TlsServerIdentity;
import io.jenkins.plugins.winrmcredssp.protocol.ntlm.NtlmAccount;
import io.jenkins.plugins.winrmcredssp.protocol.ntlm.NtlmUserStore;
import io.jenkins.plugins.winrmcredssp.protocol.wsman.http.AuthMechanism;
import io.jenkins.plugins.winrmcredssp.protocol.wsman.http.SessionInfo;
import io.jenkins.plugins.winrmcredssp.protocol.wsman.http.WinRmConnection;
import io.jenkins.plugins.winrmcredssp.protocol.wsman.http.WinRmCredSspClient;
import io.jenkins.plugins.winrmcredssp.protocol.wsman.server.CredSspAuthenticator;
import io.jenkins.plugins.winrmcredssp.protocol.wsman.server.LocalWinRmService;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Full CredSSP over HTTP with Kerberos as the inner mechanism, against the local WinRM service whose CredSSP acceptor
 * offers Kerberos (JGSS with a keytab) then NTLM inside SPNEGO, as a domain member does; tickets from an in-JVM Kerby
 * KDC.
 */
@Timeout(120)
class CredSspKerberosServiceTest {
    private static final String REALM = "KERBY.TEST";
    private static final String PASSWORD = "Kerby-Passw0rd!";
    private static final String USER = "alice@kerby.test";

    @TempDir
    static Path dir;
    private static KerbyKdc kdc;
    private static Path keytab;
    private static KerberosSettings settings;

    private CredSspAuthenticator credSsp;
    private LocalWinRmService service;

    @BeforeAll
    static void startKdc() throws Exception {
        kdc = KerbyKdc.start(REALM, dir);
        kdc.addUser("alice", PASSWORD);
        keytab = kdc.addServices("service.keytab", "HTTP/localhost");
        Path conf = kdc.writeKrb5Conf("");
        settings = KerberosSettings.defaults().withKrb5Conf(conf);
        Krb5Config.use(conf);
    }

    @AfterAll
    static void stopKdc() throws Exception {
        Krb5Config.release();
        if (kdc != null) {
            kdc.close();
        }
    }

    @BeforeEach
    void startService() throws Exception {
        NtlmUserStore users = NtlmUserStore.of(List.of(NtlmAccount.withPassword("kerby.test", "alice", PASSWORD.toCharArray()),
                NtlmAccount.withPassword("nokdc.test", "alice", PASSWORD.toCharArray())));
        credSsp = new CredSspAuthenticator(users, TlsServerIdentity.selfSigned("LOCALWINRM", Clock.systemUTC()),
                TlsOptions.defaults(), () -> new KerberosAcceptorContext(keytab, "HTTP/localhost@" + REALM));
        service = LocalWinRmService.builder().authenticator(credSsp).start();
    }

    @AfterEach
    void stopService() {
        if (service != null) {
            service.close();
        }
    }

    private WinRmConnection.Builder connection(String password) {
        return connection(USER, password);
    }

    private WinRmConnection.Builder connection(String user, String password) {
        return WinRmConnection.builder(service.endpoint(), UserCredentials.parse(user, password.toCharArray()))
                .kerberos(settings).operationTimeout(Duration.ofSeconds(2)).requestTimeout(Duration.ofSeconds(30))
                .connectTimeout(Duration.ofSeconds(5));
    }

    private static String run(WinRmCredSspClient client) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertThat(client.run("echo", List.of("second hop"), out, new ByteArrayOutputStream())).isZero();
        return out.toString(StandardCharsets.UTF_8).trim();
    }

    @Test
    void kerberosModeAuthenticatesWithKerberosAndDelegatesTheCredentials() throws Exception {
        try (WinRmCredSspClient client = WinRmCredSspClient.connect(connection(PASSWORD)
                .mechanism(AuthMechanism.KERBEROS).spn("HTTP/localhost").build())) {
            assertThat(run(client)).isEqualTo("second hop");
            SessionInfo info = client.sessionInfo().orElseThrow();
            assertThat(info.innerMechanism()).isEqualTo(Mechanism.KERBEROS);
            assertThat(info.kerberosFallbackReason()).isEmpty();
        }
        assertThat(credSsp.delegatedLogons()).singleElement()
                .satisfies(logon -> assertThat(logon.user()).isEqualTo(USER));
        assertThat(service.shells().openShellIds()).isEmpty();
    }

    @Test
    void autoPrefersKerberos() throws Exception {
        try (WinRmCredSspClient client = WinRmCredSspClient.connect(connection(PASSWORD)
                .mechanism(AuthMechanism.AUTO).spn("HTTP/localhost").build())) {
            assertThat(run(client)).isEqualTo("second hop");
            assertThat(client.sessionInfo().orElseThrow().innerMechanism()).isEqualTo(Mechanism.KERBEROS);
        }
    }

    @Test
    void autoFallsBackToNtlmWhenTheServicePrincipalIsUnknownAndSaysWhy() throws Exception {
        try (WinRmCredSspClient client = WinRmCredSspClient.connect(connection(PASSWORD)
                .mechanism(AuthMechanism.AUTO).spn("HTTP/unknown.kerby.test").build())) {
            assertThat(run(client)).isEqualTo("second hop");
            SessionInfo info = client.sessionInfo().orElseThrow();
            assertThat(info.innerMechanism()).isEqualTo(Mechanism.NTLM);
            assertThat(info.kerberosFallbackReason()).hasValueSatisfying(
                    reason -> assertThat(reason).contains("HTTP/unknown.kerby.test"));
        }
    }

    @Test
    void autoFallsBackToNtlmWhenNoKdcIsKnownForTheUsersRealm() throws Exception {
        try (WinRmCredSspClient client = WinRmCredSspClient.connect(connection("alice@nokdc.test", PASSWORD)
                .mechanism(AuthMechanism.AUTO).spn("HTTP/localhost").build())) {
            assertThat(run(client)).isEqualTo("second hop");
            assertThat(client.sessionInfo().orElseThrow().innerMechanism()).isEqualTo(Mechanism.NTLM);
            assertThat(client.sessionInfo().orElseThrow().kerberosFallbackReason()).hasValueSatisfying(
                    reason -> assertThat(reason).contains("no KDC is known"));
        }
    }

    @Test
    void kerberosModeNeverFallsBackAndNamesTheSpn() {
        assertThatThrownBy(() -> {
            try (WinRmCredSspClient client = WinRmCredSspClient.connect(connection(PASSWORD)
                    .mechanism(AuthMechanism.KERBEROS).spn("HTTP/unknown.kerby.test").build())) {
                run(client);
            }
        }).hasMessageContaining("HTTP/unknown.kerby.test").hasMessageContaining("setspn");
        assertThat(credSsp.delegatedLogons()).isEmpty();
    }

    @Test
    void wrongPasswordIsReportedWithoutFallingBackToNtlm() {
        assertThatThrownBy(() -> {
            try (WinRmCredSspClient client = WinRmCredSspClient.connect(connection("wrong-" + PASSWORD)
                    .mechanism(AuthMechanism.AUTO).spn("HTTP/localhost").build())) {
                run(client);
            }
        }).hasMessageContaining("pre-authentication failed").hasMessageNotContaining(PASSWORD);
        assertThat(credSsp.delegatedLogons()).isEmpty();
    }
}
