package io.jenkins.plugins.winrmcredssp.protocol.wsman.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.winrmcredssp.protocol.auth.Mechanism;
import io.jenkins.plugins.winrmcredssp.protocol.auth.UserCredentials;
import io.jenkins.plugins.winrmcredssp.protocol.credssp.TlsOptions;
import io.jenkins.plugins.winrmcredssp.protocol.wsman.CommandAbortedException;
import io.jenkins.plugins.winrmcredssp.protocol.wsman.RemoteCommand;
import io.jenkins.plugins.winrmcredssp.protocol.wsman.ShellOptions;
import io.jenkins.plugins.winrmcredssp.protocol.wsman.WinRmShell;
import io.jenkins.plugins.winrmcredssp.protocol.wsman.server.LocalWinRmService;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The facade and {@link CredSspHttpTransport} end to end against {@link LocalWinRmService}. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class WinRmCredSspClientTest {
    static final String PASSWORD = "Passw0rd!";
    private LocalWinRmService service;

    @TempDir
    Path temp;

    @AfterEach
    void stop() {
        if (service != null) {
            service.close();
        }
    }

    static UserCredentials alice(String password) {
        return UserCredentials.parse("EXAMPLE\\alice", password.toCharArray());
    }

    static LocalWinRmService.Builder windows() {
        return LocalWinRmService.builder().windowsAuthentication(alice(PASSWORD));
    }

    /** A connection with the service's own certificate pinned on HTTPS. */
    WinRmConnection.Builder connection(String password) throws Exception {
        WinRmConnection.Builder b = WinRmConnection.builder(service.endpoint(), alice(password))
                .operationTimeout(Duration.ofSeconds(1)).requestTimeout(Duration.ofSeconds(20))
                .connectTimeout(Duration.ofSeconds(5));
        if (service.https()) {
            b.httpsTrust(HttpsTrust.thumbprint(HttpsTrust.sha256Thumbprint(service.certificate().orElseThrow())));
        }
        return b;
    }

    @ParameterizedTest(name = "https={0} {1} {2}")
    @CsvSource({"false, TLSv1.2, NTLM", "false, TLSv1.3, NTLM", "false, TLSv1.3, AUTO", "false, TLSv1.2, AUTO",
            "true, TLSv1.2, NTLM", "true, TLSv1.3, AUTO"})
    void runsCommandsInOneShellOverOneAuthenticatedConnection(boolean https, String tls, AuthMechanism mechanism)
            throws Exception {
        service = (https ? windows().https() : windows()).start();
        String shellId;
        try (WinRmCredSspClient client = WinRmCredSspClient.connect(connection(PASSWORD).mechanism(mechanism)
                .credSspTls(TlsOptions.of(tls)).build())) {
            try (WinRmShell shell = client.openShell(ShellOptions.defaults().withWorkingDirectory(temp.toString())
                    .withEnvironment(Map.of("GREETING", "grüß dich")))) {
                shellId = shell.shellId();
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                ByteArrayOutputStream err = new ByteArrayOutputStream();

                assertThat(shell.run("echo", List.of("\"$GREETING\"", "from", "$(pwd)", "✓ 日本"), out, err)).isZero();
                assertThat(out.toString(StandardCharsets.UTF_8))
                        .isEqualTo("grüß dich from " + temp.toRealPath() + " ✓ 日本\n");

                out.reset();
                int exit = shell.run(RemoteCommand.of("tr a-z A-Z; echo problem >&2; exit 9"),
                        new ByteArrayInputStream("piped".getBytes(StandardCharsets.UTF_8)), out, err);
                assertThat(exit).isEqualTo(9);
                assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("PIPED");
                assertThat(err.toString(StandardCharsets.UTF_8)).isEqualTo("problem\n");

                out.reset();
                String big = "q".repeat(40_000);
                assertThat(shell.run("echo " + big + "; head -c 100000 /dev/zero | tr '\\0' z", List.of(), out, err))
                        .isZero();
                assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo(big + "\n" + "z".repeat(100_000));

                out.reset();
                assertThat(shell.run("sleep 2; echo late", List.of(), out, err)).as("slower than OperationTimeout")
                        .isZero();
                assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("late\n");
            }
            SessionInfo info = client.sessionInfo().orElseThrow();
            assertThat(info.tlsProtocol()).isEqualTo(tls);
            assertThat(info.messageEncryption()).isEqualTo(!https);
            assertThat(info.credSspVersion()).isEqualTo(6);
            assertThat(info.innerMechanism()).isEqualTo(Mechanism.NTLM);
            assertThat(info.authentications()).isEqualTo(1);
            assertThat(info.httpLegs()).isBetween(3, 8).isEqualTo(client.transport().legs());
            assertThat(info.kerberosFallbackReason().isPresent()).isEqualTo(mechanism == AuthMechanism.AUTO);
            assertThat(info.describe()).contains(tls).doesNotContain(PASSWORD);
        }
        assertThat(service.shells().deletedShellIds()).containsExactly(shellId);
        assertThat(service.delegatedLogons()).hasSize(1);
    }

    @Test
    void runAndRunPowerShellConvenienceMethodsDeleteTheirShells() throws Exception {
        service = windows().start();
        try (WinRmCredSspClient client = WinRmCredSspClient.connect(connection(PASSWORD).mechanism(AuthMechanism.NTLM).build())) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            assertThat(client.run("echo", List.of("one"), out, new ByteArrayOutputStream())).isZero();
            assertThat(client.run("exit 3", List.of(), out, new ByteArrayOutputStream())).isEqualTo(3);
            assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("one\n");
        }
        assertThat(service.shells().deletedShellIds()).hasSize(2);
        assertThat(service.shells().openShellIds()).isEmpty();
    }

    @Test
    void closeDeletesShellsLeftOpen() throws Exception {
        service = windows().start();
        String shellId;
        try (WinRmCredSspClient client = WinRmCredSspClient.connect(connection(PASSWORD).mechanism(AuthMechanism.NTLM).build())) {
            shellId = client.openShell(ShellOptions.defaults()).shellId();
        }
        assertThat(service.shells().deletedShellIds()).containsExactly(shellId);
    }

    @Test
    void cancelStopsTheCommandAndDeletesTheShell() throws Exception {
        service = windows().start();
        try (WinRmCredSspClient client = WinRmCredSspClient.connect(connection(PASSWORD).mechanism(AuthMechanism.NTLM).build())) {
            WinRmShell shell = client.openShell(ShellOptions.defaults());
            CompletableFuture<Integer> run = CompletableFuture.supplyAsync(() -> {
                try {
                    return shell.run("sleep 60", List.of(), new ByteArrayOutputStream(), new ByteArrayOutputStream());
                } catch (java.io.IOException e) {
                    throw new java.util.concurrent.CompletionException(e);
                }
            });
            Thread.sleep(1500);
            shell.cancel();
            assertThatThrownBy(() -> run.get(30, TimeUnit.SECONDS)).hasCauseInstanceOf(CommandAbortedException.class);
            assertThat(service.shells().deletedShellIds()).containsExactly(shell.shellId());
        }
    }

    @Test
    void interruptingTheWaitingThreadStopsTheCommandAtOnceAndDeletesTheShell() throws Exception {
        service = windows().start();
        try (WinRmCredSspClient client = WinRmCredSspClient.connect(connection(PASSWORD).mechanism(AuthMechanism.NTLM)
                .operationTimeout(Duration.ofSeconds(30)).requestTimeout(Duration.ofSeconds(60)).build())) {
            WinRmShell shell = client.openShell(ShellOptions.defaults());
            CompletableFuture<Throwable> outcome = new CompletableFuture<>();
            Thread runner = new Thread(() -> {
                try {
                    shell.run("sleep 60", List.of(), new ByteArrayOutputStream(), new ByteArrayOutputStream());
                    outcome.complete(null);
                } catch (Throwable t) {
                    outcome.complete(t);
                }
            });
            runner.start();
            Thread.sleep(1500);
            long start = System.nanoTime();
            runner.interrupt();
            assertThat(outcome.get(20, TimeUnit.SECONDS)).isInstanceOf(CommandAbortedException.class);
            assertThat(Duration.ofNanos(System.nanoTime() - start)).as("not waiting out the 30 s OperationTimeout")
                    .isLessThan(Duration.ofSeconds(10));
            runner.join(5000);
            assertThat(service.shells().deletedShellIds()).containsExactly(shell.shellId());
        }
    }

    @Test
    void reauthenticatesOnceWhenTheServiceClosedTheIdleConnection() throws Exception {
        service = windows().idleTimeout(Duration.ofMillis(700)).start();
        try (WinRmCredSspClient client = WinRmCredSspClient.connect(connection(PASSWORD).mechanism(AuthMechanism.NTLM).build())) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            assertThat(client.run("echo", List.of("before"), out, new ByteArrayOutputStream())).isZero();
            Thread.sleep(1500);
            assertThat(client.run("echo", List.of("after"), out, new ByteArrayOutputStream())).isZero();
            assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("before\nafter\n");
            assertThat(client.sessionInfo().orElseThrow().authentications()).isEqualTo(2);
        }
    }
}
