package io.jenkins.plugins.winrmcredssp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import hudson.FilePath;
import hudson.Launcher;
import hudson.model.TaskListener;
import hudson.util.Secret;
import hudson.util.StreamTaskListener;
import io.jenkins.plugins.winrmcredssp.protocol.auth.UserCredentials;
import io.jenkins.plugins.winrmcredssp.protocol.wsman.server.BasicAuthenticator;
import io.jenkins.plugins.winrmcredssp.protocol.wsman.server.LocalWinRmService;
import io.jenkins.plugins.winrmcredssp.runner.CommandTimedOutException;
import io.jenkins.plugins.winrmcredssp.runner.CredSspSessionOpener;
import io.jenkins.plugins.winrmcredssp.runner.RemoteScript;
import io.jenkins.plugins.winrmcredssp.testsupport.BasicAuthSessionOpener;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The agent-side callable and the shared runner against the local WinRM service (Basic over HTTPS standing in for
 * the CredSSP transport): live output into the build log, captured stdout, exit codes, abort, timeout, masking.
 */
class WinRmCommandCallableStandInTest {
    private static final String PASSWORD = "S3cr3t-Pa55!";

    @TempDir
    Path temp;

    private LocalWinRmService service;
    private final ByteArrayOutputStream log = new ByteArrayOutputStream();
    private TaskListener listener;

    @BeforeEach
    void start() throws Exception {
        service = LocalWinRmService.builder().https()
                .authenticator(new BasicAuthenticator(List.of(UserCredentials.parse("alice", PASSWORD.toCharArray()))))
                .start();
        listener = new StreamTaskListener(log, StandardCharsets.UTF_8);
    }

    @AfterEach
    void stop() {
        service.close();
    }

    private WinRmConnectionOptions.Builder options() {
        return WinRmConnectionOptions.builder("127.0.0.1").port(service.port()).skipCertificateVerification(true);
    }

    private WinRmCommandCallable callable(WinRmConnectionOptions options, RemoteScript script, boolean capture) {
        return new WinRmCommandCallable(options, script, "alice", Secret.fromString(PASSWORD), listener, capture,
                new BasicAuthSessionOpener());
    }

    private String log() {
        return log.toString(StandardCharsets.UTF_8);
    }

    @Test
    void writesOutputToTheLogWithHeaderAndExitCode() throws Exception {
        WinRmConnectionOptions options = options().workingDirectory(temp.toString())
                .environment(Map.of("GREETING", "hello")).build();
        WinRmCommandResult result = new Launcher.LocalLauncher(listener).getChannel()
                .call(callable(options, RemoteScript.cmd("echo \"$GREETING from $(pwd)\"; echo oops >&2"), false));

        assertThat(result).isEqualTo(new WinRmCommandResult(0, null));
        assertThat(log()).contains("Connecting to https://127.0.0.1:" + service.port() + "/wsman as alice with CredSSP")
                .contains("certificate NOT verified")
                .contains("hello from " + temp.toRealPath() + "\n")
                .contains("oops\n")
                .endsWith("Remote command exited with code 0" + System.lineSeparator());
        assertThat(service.shells().openShellIds()).isEmpty();
        assertThat(service.shells().deletedShellIds()).hasSize(1);
    }

    @Test
    void returnsStdoutAndLogsStderrAndNonZeroExitCode() throws Exception {
        WinRmCommandResult result = new FilePath(temp.toFile())
                .act(callable(options().build(), RemoteScript.cmd("echo captured; echo to-log >&2; exit 3"), true));

        assertThat(result).isEqualTo(new WinRmCommandResult(3, "captured\n"));
        assertThat(log()).doesNotContain("captured").contains("to-log").contains("exited with code 3");
    }

    @Test
    void masksThePasswordInEveryStreamWhenTheCommandEchoesIt() throws Exception {
        String script = "printf '%s' '" + PASSWORD.substring(0, 4) + "'; printf '%s\\n' '" + PASSWORD.substring(4)
                + "'; echo \"err " + PASSWORD + "\" >&2";
        WinRmCommandResult result = new FilePath(temp.toFile())
                .act(callable(options().build(), RemoteScript.cmd(script), true));

        assertThat(result.stdout()).isEqualTo("****\n");
        assertThat(log()).contains("err ****").doesNotContain(PASSWORD).doesNotContain(PASSWORD.substring(4));
        // the remote side did receive the command with the password: masking is what kept it out of the log
        assertThat(service.shells().commandLines()).anySatisfy(line -> assertThat(line).contains(PASSWORD));
    }

    @Test
    void abortTerminatesTheRemoteCommandAndDeletesTheShell() throws Exception {
        CompletableFuture<Throwable> outcome = new CompletableFuture<>();
        Thread build = new Thread(() -> {
            try {
                new FilePath(temp.toFile()).act(callable(options().build(), RemoteScript.cmd("echo started; sleep 60"),
                        false));
                outcome.complete(null);
            } catch (Throwable t) {
                outcome.complete(t);
            }
        });
        build.start();
        try {
            awaitLiveProcess();
            build.interrupt();
            Throwable failure = outcome.get(20, TimeUnit.SECONDS);
            assertThat(failure).isInstanceOf(InterruptedIOException.class)
                    .hasMessageContaining("remote command was terminated");
        } finally {
            build.interrupt();
            build.join(20_000);
        }
        assertThat(service.shells().openShellIds()).isEmpty();
        assertThat(service.shells().deletedShellIds()).hasSize(1);
        awaitNoLiveProcess();
        assertThat(log()).contains("started");
    }

    @Test
    void timeoutTerminatesTheRemoteCommand() throws Exception {
        WinRmConnectionOptions options = options().timeout(Duration.ofSeconds(2)).build();
        assertThatThrownBy(() -> new FilePath(temp.toFile()).act(callable(options, RemoteScript.cmd("sleep 60"), false)))
                .isInstanceOf(CommandTimedOutException.class).hasMessageContaining("timeout of 2 s");
        assertThat(service.shells().openShellIds()).isEmpty();
        awaitNoLiveProcess();
    }

    @Test
    void crossesTheChannelAsJavaSerializationWithTheProductionOpener() throws Exception {
        WinRmCommandCallable callable = new WinRmCommandCallable(options().timeout(Duration.ofSeconds(30)).build(),
                RemoteScript.powerShell("Get-Date"), "alice", Secret.fromString(PASSWORD), TaskListener.NULL, true,
                new CredSspSessionOpener());
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(callable);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            assertThat(in.readObject()).isInstanceOf(WinRmCommandCallable.class)
                    .hasToString(callable.toString());
        }
        ByteArrayOutputStream result = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(result)) {
            out.writeObject(new WinRmCommandResult(3, "out"));
        }
    }

    @Test
    void connectionFailureIsAnIOExceptionWithoutThePassword() {
        WinRmConnectionOptions options = options().build();
        WinRmCommandCallable wrongUser = new WinRmCommandCallable(options, RemoteScript.cmd("echo hi"), "mallory",
                Secret.fromString(PASSWORD), listener, false, new BasicAuthSessionOpener());
        assertThatThrownBy(() -> new FilePath(temp.toFile()).act(wrongUser))
                .isInstanceOf(IOException.class)
                .satisfies(e -> assertThat(e.toString()).doesNotContain(PASSWORD));
        assertThat(log()).contains("as mallory").doesNotContain(PASSWORD);
        assertThat(wrongUser.toString()).doesNotContain(PASSWORD);
    }

    private void awaitLiveProcess() throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (service.shells().liveProcesses().isEmpty() || !log().contains("started")) {
            assertThat(System.nanoTime()).as("remote command started").isLessThan(deadline);
            Thread.sleep(50);
        }
    }

    private void awaitNoLiveProcess() throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!service.shells().liveProcesses().isEmpty()) {
            assertThat(System.nanoTime()).as("remote processes ended").isLessThan(deadline);
            Thread.sleep(50);
        }
    }
}
