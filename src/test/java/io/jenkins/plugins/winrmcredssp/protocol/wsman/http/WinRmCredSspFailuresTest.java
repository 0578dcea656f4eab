package io.jenkins.plugins.winrmcredssp.protocol.wsman.http;

import static io.jenkins.plugins.winrmcredssp.protocol.wsman.http.WinRmCredSspClientTest.PASSWORD;
import static io.jenkins.plugins.winrmcredssp.protocol.wsman.http.WinRmCredSspClientTest.alice;
import static io.jenkins.plugins.winrmcredssp.protocol.wsman.http.WinRmCredSspClientTest.windows;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.winrmcredssp.protocol.credssp.CredSspException;
import io.jenkins.plugins.winrmcredssp.protocol.credssp.TlsServerIdentity;
import io.jenkins.plugins.winrmcredssp.protocol.wsman.EncryptedLengthMismatchException;
import io.jenkins.plugins.winrmcredssp.protocol.wsman.ShellOptions;
import io.jenkins.plugins.winrmcredssp.protocol.wsman.UnencryptedMessageException;
import io.jenkins.plugins.winrmcredssp.protocol.wsman.WinRmShell;
import io.jenkins.plugins.winrmcredssp.protocol.wsman.server.InjectedFault;
import io.jenkins.plugins.winrmcredssp.protocol.wsman.server.LocalWinRmService;
import java.io.ByteArrayOutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every failure the transport reports says what failed, where, and how to fix it when known; none hangs. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class WinRmCredSspFailuresTest {
    private LocalWinRmService service;

    @TempDir
    Path temp;

    @AfterEach
    void stop() {
        if (service != null) {
            service.close();
        }
    }

    private WinRmConnection.Builder connection(URI endpoint, String password) {
        return WinRmConnection.builder(endpoint, alice(password)).mechanism(AuthMechanism.NTLM)
                .operationTimeout(Duration.ofSeconds(1)).requestTimeout(Duration.ofSeconds(10))
                .connectTimeout(Duration.ofSeconds(5));
    }

    private static int echo(WinRmCredSspClient client) throws Exception {
        return client.run("echo", List.of("hi"), new ByteArrayOutputStream(), new ByteArrayOutputStream());
    }

    @Test
    void wrongPasswordNamesTheStageAndTheStatus() throws Exception {
        service = windows().start();
        try (WinRmCredSspClient client = WinRmCredSspClient.connect(connection(service.endpoint(), "Wr0ngSecret").build())) {
            assertThatThrownBy(() -> echo(client)).isInstanceOf(CredSspException.class)
                    .hasMessageContaining("C000006D").hasMessageNotContaining(PASSWORD).hasMessageNotContaining("Wr0ngSecret");
        }
        assertThat(service.delegatedLogons()).isEmpty();
    }

    @Test
    void credSspDisabledOnTheServiceNamesTheFix() throws Exception {
        service = windows().start();
        service.disableScheme("CredSSP");
        try (WinRmCredSspClient client = WinRmCredSspClient.connect(connection(service.endpoint(), PASSWORD).build())) {
            assertThatThrownBy(() -> echo(client)).isInstanceOf(WinRmHttpException.class)
                    .hasMessageContaining("CredSSP authentication disabled")
                    .hasMessageContaining("winrm set winrm/config/service/auth @{CredSSP=\"true\"}");
        }
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void connectionRefusedNamesTheMissingListener(boolean https) throws Exception {
        int port;
        try (ServerSocket free = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            port = free.getLocalPort();
        }
        URI endpoint = URI.create((https ? "https" : "http") + "://127.0.0.1:" + port + "/wsman");
        try (WinRmCredSspClient client = WinRmCredSspClient.connect(connection(endpoint, PASSWORD).build())) {
            assertThatThrownBy(() -> echo(client)).isInstanceOf(WinRmHttpException.class)
                    .hasMessageContaining(https ? "winrm quickconfig -transport:https" : "HTTP listener");
        }
    }

    @Test
    void http500WithoutSoapIsAnError() throws Exception {
        service = windows().start();
        service.faults().atOperation("Create", InjectedFault.HTTP_500);
        try (WinRmCredSspClient client = WinRmCredSspClient.connect(connection(service.endpoint(), PASSWORD).build())) {
            assertThatThrownBy(() -> echo(client)).isInstanceOf(WinRmHttpException.class)
                    .hasMessageContaining("HTTP 500").hasMessageContaining("Create");
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 4})
    void connectionResetAtEachHandshakeLegNamesTheStage(int leg) throws Exception {
        service = windows().start();
        service.faults().atAuthenticationLeg(leg, InjectedFault.DROP_CONNECTION);
        try (WinRmCredSspClient client = WinRmCredSspClient.connect(connection(service.endpoint(), PASSWORD).build())) {
            Throwable failure = org.assertj.core.api.Assertions.catchThrowable(() -> echo(client));
            assertThat(failure).isInstanceOf(CredSspException.class).hasMessageContaining("leg " + leg);
            assertThat(((CredSspException) failure).stage()).isNotNull();
            assertThat(failure.getMessage()).containsAnyOf("TLS handshake", "authentication", "public key exchange",
                    "credential delegation");
        }
    }

    @ParameterizedTest
    @org.junit.jupiter.params.provider.CsvSource({"1, HTTP_500", "2, HTTP_500", "1, MALFORMED_RESPONSE",
            "2, MALFORMED_RESPONSE", "3, MALFORMED_RESPONSE"})
    void aBrokenAnswerAtAHandshakeLegIsACredSspErrorNamingTheStage(int leg, InjectedFault fault) throws Exception {
        service = windows().start();
        service.faults().atAuthenticationLeg(leg, fault);
        try (WinRmCredSspClient client = WinRmCredSspClient.connect(connection(service.endpoint(), PASSWORD).build())) {
            Throwable failure = org.assertj.core.api.Assertions.catchThrowable(() -> echo(client));
            assertThat(failure).isInstanceOf(CredSspException.class).hasMessageStartingWith("CredSSP ");
            assertThat(failure.getMessage()).containsAnyOf("TLS handshake", "authentication", "public key exchange");
        }
        assertThat(service.delegatedLogons()).isEmpty();
    }

    @Test
    void connectionDroppedMidReceiveNamesTheOperation() throws Exception {
        service = windows().start();
        try (WinRmCredSspClient client = WinRmCredSspClient.connect(connection(service.endpoint(), PASSWORD).build())) {
            WinRmShell shell = client.openShell(ShellOptions.defaults());
            service.faults().atOperation("Receive", InjectedFault.DROP_CONNECTION);
            assertThatThrownBy(() -> shell.run("echo", List.of("x"), new ByteArrayOutputStream(), new ByteArrayOutputStream()))
                    .hasMessageContaining("lost during the Receive request");
        }
    }

    @Test
    void malformedResponseIsATypedError() throws Exception {
        service = windows().start();
        service.faults().atOperation("Create", InjectedFault.MALFORMED_RESPONSE);
        try (WinRmCredSspClient client = WinRmCredSspClient.connect(connection(service.endpoint(), PASSWORD).build())) {
            assertThatThrownBy(() -> echo(client)).isInstanceOf(io.jenkins.plugins.winrmcredssp.protocol.ProtocolException.class);
        }
    }

    @Test
    void httpsWithAnUntrustedCertificateFailsByDefaultAndWorksWhenPinnedTrustedOrInsecure() throws Exception {
        TlsServerIdentity identity = TlsServerIdentity.selfSigned("localhost", Clock.systemUTC());
        service = windows().https(identity).start();
        URI endpoint = URI.create("https://localhost:" + service.port() + "/wsman");
        try (WinRmCredSspClient client = WinRmCredSspClient.connect(connection(endpoint, PASSWORD).build())) {
            assertThatThrownBy(() -> echo(client)).isInstanceOf(WinRmHttpException.class)
                    .hasMessageContaining("HTTPS handshake").hasMessageContaining("JVM trust store");
        }
        String pin = HttpsTrust.sha256Thumbprint(service.certificate().orElseThrow());
        Path pem = temp.resolve("ca.pem");
        Files.writeString(pem, "-----BEGIN CERTIFICATE-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                        .encodeToString(service.certificate().orElseThrow().getEncoded())
                + "\n-----END CERTIFICATE-----\n");
        for (HttpsTrust trust : List.of(HttpsTrust.thumbprint(pin), HttpsTrust.caCertificate(pem), HttpsTrust.insecure())) {
            try (WinRmCredSspClient client = WinRmCredSspClient.connect(connection(endpoint, PASSWORD).httpsTrust(trust).build())) {
                assertThat(echo(client)).as("%s", trust).isZero();
            }
        }
        String wrongPin = "00".repeat(32);
        try (WinRmCredSspClient client = WinRmCredSspClient.connect(connection(endpoint, PASSWORD)
                .httpsTrust(HttpsTrust.thumbprint(wrongPin)).build())) {
            assertThatThrownBy(() -> echo(client)).isInstanceOf(WinRmHttpException.class).hasMessageContaining("HTTPS handshake");
        }
    }

    @Test
    void anUnencryptedResponseOnHttpIsRefused() throws Exception {
        service = windows().start();
        try (TamperingProxy proxy = new TamperingProxy(service.endpoint());
                WinRmCredSspClient client = WinRmCredSspClient.connect(connection(proxy.endpoint(), PASSWORD).build())) {
            WinRmShell shell = client.openShell(ShellOptions.defaults());
            proxy.tamperOnce(text -> text.replaceFirst("Content-Type: multipart/encrypted;[^\r]*",
                    "Content-Type: application/soap+xml;charset=UTF-8"));
            assertThatThrownBy(() -> shell.run("echo", List.of("x"), new ByteArrayOutputStream(), new ByteArrayOutputStream()))
                    .isInstanceOf(UnencryptedMessageException.class);
        }
        assertThat(service.shells().openShellIds()).as("close() re-authenticates and deletes the shell").isEmpty();
    }

    @Test
    void aDecryptedLengthMismatchIsRefused() throws Exception {
        service = windows().start();
        try (TamperingProxy proxy = new TamperingProxy(service.endpoint());
                WinRmCredSspClient client = WinRmCredSspClient.connect(connection(proxy.endpoint(), PASSWORD).build())) {
            WinRmShell shell = client.openShell(ShellOptions.defaults());
            proxy.tamperOnce(text -> {
                Matcher m = Pattern.compile("Length=(\\d)").matcher(text);
                return m.find() ? text.substring(0, m.start(1)) + (m.group(1).equals("1") ? "2" : "1")
                        + text.substring(m.end(1)) : text;
            });
            assertThatThrownBy(() -> shell.run("echo", List.of("x"), new ByteArrayOutputStream(), new ByteArrayOutputStream()))
                    .isInstanceOf(EncryptedLengthMismatchException.class);
        }
        assertThat(service.shells().openShellIds()).as("close() re-authenticates and deletes the shell").isEmpty();
    }

    @Test
    void kerberosOnlyNeverFallsBackToNtlm() throws Exception {
        service = windows().start();
        try (WinRmCredSspClient client = WinRmCredSspClient.connect(connection(service.endpoint(), PASSWORD)
                .mechanism(AuthMechanism.KERBEROS).build())) {
            Throwable failure = org.assertj.core.api.Assertions.catchThrowable(() -> echo(client));
            assertThat(failure).isInstanceOf(io.jenkins.plugins.winrmcredssp.protocol.ProtocolException.class)
                    .hasMessageContaining("Kerberos").hasMessageNotContaining(PASSWORD);
        }
        assertThat(service.delegatedLogons()).isEmpty();
    }

    @Test
    void descriptionsNeverContainThePassword() throws Exception {
        service = windows().start();
        WinRmConnection connection = connection(service.endpoint(), PASSWORD).build();
        try (WinRmCredSspClient client = WinRmCredSspClient.connect(connection)) {
            assertThat(client.sessionInfo()).isEmpty();
            echo(client);
            assertThat(client.sessionInfo().orElseThrow().toString()).doesNotContain(PASSWORD);
            assertThat(client.sessionInfo().orElseThrow().describe()).doesNotContain(PASSWORD).contains("NTLM");
        }
        assertThat(connection.toString()).doesNotContain(PASSWORD).contains("alice");
    }

    @Test
    void requestTimeoutMustExceedOperationTimeout() {
        assertThatThrownBy(() -> WinRmConnection.builder(URI.create("http://h:5985/wsman"), alice(PASSWORD))
                .operationTimeout(Duration.ofSeconds(60)).requestTimeout(Duration.ofSeconds(30)).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("OperationTimeout");
    }
}
