package io.jenkins.plugins.winrmcredssp.protocol.kerberos;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.jenkins.plugins.winrmcredssp.protocol.auth.Mechanism;
import io.jenkins.plugins.winrmcredssp.protocol.auth.UserCredentials;
import io.jenkins.plugins.winrmcredssp.testsupport.ContextExchange;
import io.jenkins.plugins.winrmcredssp.testsupport.FreePorts;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.security.auth.Subject;
import javax.security.auth.kerberos.KerberosKey;
import javax.security.auth.kerberos.KerberosTicket;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Initiator against the JGSS acceptor, both in this JVM, with tickets from an in-JVM Apache Kerby KDC. */
class KerberosInitiatorContextTest {
    private static final String REALM = "KERBY.TEST";
    private static final String PASSWORD = "Kerby-Passw0rd!";

    @TempDir
    static Path dir;
    private static KerbyKdc kdc;
    private static ServerSocket silentKdc;
    private static Path keytab;
    private static KerberosSettings settings;

    @BeforeAll
    static void startKdc() throws Exception {
        kdc = KerbyKdc.start(REALM, dir);
        kdc.addUser("alice", PASSWORD);
        keytab = kdc.addServices("service.keytab", "HTTP/localhost", "WSMAN/localhost");
        silentKdc = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        int closedPort = FreePorts.allocate();
        Path conf = kdc.writeKrb5Conf(
                "  SILENT.TEST = {\n    kdc = 127.0.0.1:" + silentKdc.getLocalPort() + "\n  }\n"
                + "  CLOSED.TEST = {\n    kdc = 127.0.0.1:" + closedPort + "\n  }\n");
        settings = KerberosSettings.defaults().withKrb5Conf(conf);
        Krb5Config.use(conf);
    }

    @AfterAll
    static void stopKdc() throws Exception {
        Krb5Config.release();
        if (silentKdc != null) {
            silentKdc.close();
        }
        if (kdc != null) {
            kdc.close();
        }
    }

    private static UserCredentials user(String name, String password) {
        return UserCredentials.parse(name, password.toCharArray());
    }

    /** Mutual authentication: the AP-REQ and the AP-REP, then both sides are established. */
    private static void establish(KerberosInitiatorContext initiator, KerberosAcceptorContext acceptor)
            throws Exception {
        assertThat(ContextExchange.establish(initiator, acceptor)).isEqualTo(2);
    }

    @Test
    void establishesWithMutualAuthAndProtectsMessagesBothWays() throws Exception {
        try (KerberosInitiatorContext initiator = new KerberosInitiatorContext(user("alice@kerby.test", PASSWORD),
                "localhost", settings);
             KerberosAcceptorContext acceptor = new KerberosAcceptorContext(keytab, "HTTP/localhost@" + REALM)) {
            establish(initiator, acceptor);
            assertThat(initiator.mechanism()).isEqualTo(Mechanism.KERBEROS);
            assertThat(initiator.clientPrincipal()).isEqualTo("alice@" + REALM);
            assertThat(initiator.peerName()).isEqualTo("HTTP/localhost@" + REALM);
            assertThat(acceptor.peerName()).isEqualTo("alice@" + REALM);

            byte[] request = "<s:Envelope>request</s:Envelope>".getBytes(UTF_8);
            byte[] wrapped = initiator.wrap(request);
            assertThat(new String(wrapped, UTF_8)).doesNotContain("request");
            assertThat(acceptor.unwrap(wrapped)).isEqualTo(request);
            byte[] response = "<s:Envelope>response</s:Envelope>".getBytes(UTF_8);
            assertThat(initiator.unwrap(acceptor.wrap(response))).isEqualTo(response);

            assertThatThrownBy(() -> acceptor.unwrap(wrapped))
                    .isInstanceOf(KerberosException.class).hasMessageContaining("replayed");

            acceptor.verifyMic(request, initiator.getMic(request));
            initiator.verifyMic(response, acceptor.getMic(response));
            byte[] mic = acceptor.getMic(response);
            assertThatThrownBy(() -> initiator.verifyMic(request, mic)).isInstanceOf(KerberosException.class);

            byte[] tampered = initiator.wrap(request);
            tampered[tampered.length - 1] ^= 1;
            assertThatThrownBy(() -> acceptor.unwrap(tampered)).isInstanceOf(KerberosException.class);
        }
    }

    /**
     * Windows' SSPI seals with the checksum and encrypted header rotated to the front (RFC 4121 §4.2.5, RRC 28, as
     * WinRM and CredSSP servers send); the same token with RRC 0 is what JGSS writes. Both must unwrap.
     */
    @Test
    void unwrapsTokensWithRightRotationCount() throws Exception {
        try (KerberosInitiatorContext initiator = new KerberosInitiatorContext(user("alice", PASSWORD), "localhost",
                settings);
             KerberosAcceptorContext acceptor = new KerberosAcceptorContext(keytab, "HTTP/localhost@" + REALM)) {
            establish(initiator, acceptor);
            byte[] message = "rotated".getBytes(UTF_8);
            assertThat(acceptor.unwrap(rotate(initiator.wrap(message), 28))).isEqualTo(message);
            assertThat(initiator.unwrap(rotate(acceptor.wrap(message), 28))).isEqualTo(message);
        }
    }

    /** Rotates an RRC-0 wrap token's body right by {@code rrc} bytes, noting it in the header (RFC 4121 §4.2.5). */
    private static byte[] rotate(byte[] token, int rrc) {
        assertThat(token[0]).isEqualTo((byte) 0x05);
        assertThat(token[1]).isEqualTo((byte) 0x04);
        assertThat(token[6] | token[7]).as("JGSS writes RRC 0").isZero();
        byte[] rotated = token.clone();
        int body = token.length - 16;
        for (int i = 0; i < body; i++) {
            rotated[16 + (i + rrc) % body] = token[16 + i];
        }
        rotated[6] = (byte) (rrc >> 8);
        rotated[7] = (byte) rrc;
        return rotated;
    }

    @Test
    void netbiosDomainAndBareNamesUseTheDefaultRealm() throws Exception {
        for (String name : new String[] {"KERBY\\alice", "alice", "kerby.test\\alice"}) {
            try (KerberosInitiatorContext initiator = new KerberosInitiatorContext(user(name, PASSWORD), "localhost",
                    settings)) {
                assertThat(initiator.step(null)).isNotEmpty();
                assertThat(initiator.clientPrincipal()).as(name).isEqualTo("alice@" + REALM);
            }
        }
    }

    @Test
    void serviceClassAndExplicitSpnSelectTheServicePrincipal() throws Exception {
        try (KerberosInitiatorContext initiator = new KerberosInitiatorContext(user("alice", PASSWORD), "localhost",
                settings.withServiceClass("WSMAN"));
             KerberosAcceptorContext acceptor = new KerberosAcceptorContext(keytab,
                     KerberosAcceptorContext.ANY_PRINCIPAL)) {
            establish(initiator, acceptor);
            assertThat(initiator.peerName()).isEqualTo("WSMAN/localhost@" + REALM);
        }
        try (KerberosInitiatorContext initiator = new KerberosInitiatorContext(user("alice", PASSWORD),
                "ignored.example", settings.withServicePrincipal("HTTP/localhost@" + REALM));
             KerberosAcceptorContext acceptor = new KerberosAcceptorContext(keytab, "HTTP/localhost@" + REALM)) {
            establish(initiator, acceptor);
            assertThat(initiator.peerName()).isEqualTo("HTTP/localhost@" + REALM);
        }
    }

    @Test
    void wrongPasswordIsACredentialFailureThatNamesNoSecret() {
        KerberosException e = failure(user("alice", "not-the-password"), "localhost");
        assertThat(e.failure()).isEqualTo(KerberosFailure.WRONG_PASSWORD);
        assertThat(e.kerberosUnavailable()).isFalse();
        assertThat(e).hasMessageContaining("pre-authentication failed: wrong password")
                .hasMessageContaining("alice")
                .hasMessageNotContaining("not-the-password");
    }

    @Test
    void unknownUserAllowsFallback() {
        KerberosException e = failure(user("mallory", PASSWORD), "localhost");
        assertThat(e.failure()).isEqualTo(KerberosFailure.CLIENT_UNKNOWN);
        assertThat(e.kerberosUnavailable()).isTrue();
        assertThat(e).hasMessageContaining("mallory").hasMessageContaining("does not know the user");
    }

    @Test
    void unknownServicePrincipalNamesTheSpnAndSetspn() {
        KerberosException e = failure(user("alice", PASSWORD), "nosuchhost");
        assertThat(e.failure()).isEqualTo(KerberosFailure.SERVICE_UNKNOWN);
        assertThat(e.kerberosUnavailable()).isTrue();
        assertThat(e).hasMessageContaining("HTTP/nosuchhost@" + REALM).hasMessageContaining("setspn -L");
    }

    @Test
    void acceptorWithAnOutdatedKeytabSaysSo() throws Exception {
        Path stale = kdc.addServices("stale.keytab", "HTTP/stale");
        kdc.rekey("HTTP/stale");
        try (KerberosInitiatorContext initiator = new KerberosInitiatorContext(user("alice", PASSWORD), "stale",
                settings);
             KerberosAcceptorContext acceptor = new KerberosAcceptorContext(stale, "HTTP/stale@" + REALM)) {
            byte[] apReq = initiator.step(null);
            KerberosException e = catchThrowableOfType(KerberosException.class, () -> acceptor.step(apReq));
            assertThat(e.failure()).as(e.getMessage()).isEqualTo(KerberosFailure.SERVICE_KEY_MISMATCH);
            assertThat(e).hasMessageContaining("HTTP/stale@" + REALM).hasMessageContaining("setspn -X");
        }
    }

    @Test
    void closedKdcPortFailsFastAsUnreachable() {
        long start = System.nanoTime();
        KerberosException e = failure(user("alice@closed.test", PASSWORD), "localhost");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
        assertThat(e.failure()).isEqualTo(KerberosFailure.KDC_UNREACHABLE);
        assertThat(e.kerberosUnavailable()).isTrue();
        assertThat(e).hasMessageContaining("cannot be reached").hasMessageContaining("kdc_timeout");
    }

    @Test
    void silentKdcFailsWithinKdcTimeoutTimesRetries() {
        long start = System.nanoTime();
        KerberosException e = failure(user("alice@silent.test", PASSWORD), "localhost");
        Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
        // krb5.conf: kdc_timeout = 1s, max_retries = 2, one KDC.
        assertThat(elapsed).isGreaterThanOrEqualTo(Duration.ofMillis(900)).isLessThan(Duration.ofSeconds(10));
        assertThat(e.failure()).isEqualTo(KerberosFailure.KDC_UNREACHABLE);
        assertThat(e).hasMessageContaining("did not answer in time").hasMessageContaining("kdc_timeout");
    }

    @Test
    void unknownRealmSaysNoKdcIsConfigured() {
        KerberosException e = failure(user("alice@nowhere.test", PASSWORD), "localhost");
        assertThat(e.failure()).isEqualTo(KerberosFailure.NO_REALM);
        assertThat(e.kerberosUnavailable()).isTrue();
        assertThat(e).hasMessageContaining("no KDC is known").hasMessageContaining(dir.resolve("krb5.conf").toString());
    }

    @Test
    void secondDifferentKrb5ConfIsRefused() throws Exception {
        Path other = Files.writeString(dir.resolve("other-krb5.conf"), "[libdefaults]\n");
        KerberosException e = failure(user("alice", PASSWORD), "localhost", settings.withKrb5Conf(other));
        assertThat(e.failure()).isEqualTo(KerberosFailure.CONFIGURATION);
        assertThat(e).hasMessageContaining("already uses").hasMessageContaining("one krb5.conf per JVM")
                .hasMessageContaining(other.toString());
        assertThat(System.getProperty(Krb5Config.PROPERTY)).isEqualTo(dir.resolve("krb5.conf").toString());
    }

    @Test
    void malformedTokensAreTypedFailures() throws Exception {
        try (KerberosAcceptorContext acceptor = new KerberosAcceptorContext(keytab, "HTTP/localhost@" + REALM)) {
            assertThatThrownBy(() -> acceptor.step(new byte[] {0x60, 0x03, 0x06, 0x01, 0x00}))
                    .isInstanceOf(KerberosException.class);
        }
        try (KerberosInitiatorContext initiator = new KerberosInitiatorContext(user("alice", PASSWORD), "localhost",
                settings);
             KerberosAcceptorContext acceptor = new KerberosAcceptorContext(keytab, "HTTP/localhost@" + REALM)) {
            establish(initiator, acceptor);
            byte[] truncated = Arrays.copyOf(initiator.wrap(new byte[8]), 20);
            for (byte[] garbage : new byte[][] {{}, {0x05, 0x04}, new byte[64], truncated}) {
                assertThatThrownBy(() -> acceptor.unwrap(garbage)).isInstanceOf(KerberosException.class);
            }
        }
    }

    @Test
    void loginKeepsTicketsButNoKeyAndCloseDestroysThem() throws Exception {
        try (KerberosInitiatorContext initiator = new KerberosInitiatorContext(user("alice", PASSWORD), "localhost",
                settings)) {
            initiator.step(null);
            Subject subject = initiator.subject();
            assertThat(subject.getPrivateCredentials(KerberosKey.class)).as("storeKey=false").isEmpty();
            assertThat(subject.getPrivateCredentials()).as("no password, no key: tickets only")
                    .allSatisfy(c -> assertThat(c).isInstanceOf(KerberosTicket.class));
            List<KerberosTicket> tickets = List.copyOf(subject.getPrivateCredentials(KerberosTicket.class));
            assertThat(tickets).isNotEmpty().anySatisfy(t -> assertThat(t.getServer().getName())
                    .isEqualTo("krbtgt/" + REALM + "@" + REALM));
            initiator.close();
            assertThat(tickets).allSatisfy(t -> assertThat(t.isDestroyed()).isTrue());
        }
    }

    @Test
    void parallelContextsDoNotInterfere() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<byte[]>> results = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                byte[] message = ("message " + i).getBytes(UTF_8);
                results.add(pool.submit(() -> {
                    try (KerberosInitiatorContext initiator = new KerberosInitiatorContext(user("alice", PASSWORD),
                            "localhost", settings);
                         KerberosAcceptorContext acceptor = new KerberosAcceptorContext(keytab,
                                 "HTTP/localhost@" + REALM)) {
                        establish(initiator, acceptor);
                        return acceptor.unwrap(initiator.wrap(message));
                    }
                }));
            }
            for (int i = 0; i < results.size(); i++) {
                assertThat(results.get(i).get(30, TimeUnit.SECONDS)).isEqualTo(("message " + i).getBytes(UTF_8));
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void closedContextCannotBeUsedAndCredentialsStayTheCallers() throws Exception {
        UserCredentials credentials = user("alice", PASSWORD);
        KerberosInitiatorContext initiator = new KerberosInitiatorContext(credentials, "localhost", settings);
        initiator.step(null);
        initiator.close();
        assertThatThrownBy(() -> initiator.step(new byte[1])).isInstanceOf(IllegalStateException.class);
        assertThat(credentials.isDestroyed()).isFalse();
        assertThat(initiator.toString()).doesNotContain(PASSWORD);
    }

    private static KerberosException failure(UserCredentials credentials, String host) {
        return failure(credentials, host, settings);
    }

    private static KerberosException failure(UserCredentials credentials, String host, KerberosSettings settings) {
        try (KerberosInitiatorContext initiator = new KerberosInitiatorContext(credentials, host, settings)) {
            return catchThrowableOfType(KerberosException.class, () -> initiator.step(null));
        }
    }
}
