package io.jenkins.plugins.winrmcredssp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import hudson.AbortException;
import hudson.FilePath;
import hudson.EnvVars;
import hudson.Launcher;
import hudson.model.Run;
import hudson.model.TaskListener;
import hudson.util.StreamTaskListener;
import io.jenkins.plugins.winrmcredssp.protocol.auth.UserCredentials;
import io.jenkins.plugins.winrmcredssp.protocol.wsman.http.HttpsTrust;
import io.jenkins.plugins.winrmcredssp.protocol.wsman.server.CredSspAuthenticator.DelegatedLogon;
import io.jenkins.plugins.winrmcredssp.protocol.wsman.server.LocalWinRmService;
import io.jenkins.plugins.winrmcredssp.standin.StandInJenkins;
import io.jenkins.plugins.winrmcredssp.testsupport.StandInFixtures;
import io.jenkins.plugins.winrmcredssp.testsupport.StandInFixtures.TestRun;
import io.jenkins.plugins.winrmcredssp.testsupport.StandInFixtures.UsernamePassword;
import io.jenkins.plugins.winrmcredssp.testsupport.StandInStepContext;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The step and the builder with the production opener ({@code CredSspSessionOpener}: CredSSP over HTTP with message
 * encryption, or over HTTPS with a pinned certificate) against the local service, which checks the delegated password.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class WinRmCredSspEndToEndStandInTest {
    private static final String PASSWORD = "Passw0rd!4-deploy";

    @TempDir
    Path workspace;

    private LocalWinRmService service;
    private TestRun run;
    private final ByteArrayOutputStream log = new ByteArrayOutputStream();
    private TaskListener listener;

    @BeforeEach
    void start() throws Exception {
        StandInJenkins.start();
        StandInJenkins.addCredentials(new UsernamePassword("win", "", "EXAMPLE\\alice", PASSWORD));
        run = StandInFixtures.newRun("deploy");
        listener = new StreamTaskListener(log, StandardCharsets.UTF_8);
    }

    @AfterEach
    void stop() {
        if (service != null) {
            service.close();
        }
        StandInJenkins.reset();
    }

    private void startService(boolean https) throws Exception {
        LocalWinRmService.Builder builder = LocalWinRmService.builder()
                .windowsAuthentication(UserCredentials.parse("EXAMPLE\\alice", PASSWORD.toCharArray()));
        service = (https ? builder.https() : builder).start();
    }

    private String log() {
        return log.toString(StandardCharsets.UTF_8);
    }

    @Test
    void builderRunsOverHttpWithMessageEncryptionAndDelegatesThePassword() throws Exception {
        startService(false);
        WinRmBuilder builder = new WinRmBuilder("127.0.0.1", "win");
        builder.setTransport("http");
        builder.setPort(service.port());
        builder.setAuthMechanism("ntlm");
        builder.setCommand("echo hello from $(whoami 2>/dev/null || echo sh); echo 'pw: " + PASSWORD + "'");

        builder.perform(run, new FilePath(workspace.toFile()), new EnvVars(), new Launcher.LocalLauncher(listener),
                listener);

        assertThat(log()).contains("Connecting to http://127.0.0.1:" + service.port() + "/wsman as EXAMPLE\\alice")
                .contains("Negotiated CredSSP v6").contains("inner NTLM").contains("hello from")
                .contains("pw: ****").doesNotContain(PASSWORD)
                .contains("Remote command exited with code 0");
        assertThat(service.delegatedLogons()).containsExactly(new DelegatedLogon("EXAMPLE", "alice", true));
        assertThat(service.shells().openShellIds()).isEmpty();
    }

    @Test
    void builderFailsTheBuildOnNonZeroExit() throws Exception {
        startService(false);
        WinRmBuilder builder = new WinRmBuilder("127.0.0.1", "win");
        builder.setTransport("http");
        builder.setPort(service.port());
        builder.setCommand("exit 4");
        assertThatThrownBy(() -> builder.perform(run, new FilePath(workspace.toFile()), new EnvVars(),
                new Launcher.LocalLauncher(listener), listener))
                .isInstanceOf(AbortException.class).hasMessage(Messages.WinRmExecution_ExitCode("127.0.0.1", 4));
    }

    @Test
    void stepOverHttpsWithPinnedCertificateReturnsStdout() throws Exception {
        startService(true);
        WinRmStep step = new WinRmStep("127.0.0.1", "win");
        step.setPort(service.port());
        step.setCertificateThumbprint(HttpsTrust.sha256Thumbprint(service.certificate().orElseThrow()));
        step.setCommand("echo 1.2.3");
        step.setReturnStdout(true);

        assertThat(runStep(step)).isEqualTo("1.2.3\n");
        assertThat(log()).contains("certificate pinned by thumbprint").contains("Negotiated CredSSP v6")
                .contains(", HTTPS, ");
        assertThat(service.delegatedLogons()).extracting(DelegatedLogon::passwordVerified).containsExactly(true);
    }

    @Test
    void stepOverHttpsRejectsAnUntrustedCertificateBeforeSendingCredentials() throws Exception {
        startService(true);
        WinRmStep step = new WinRmStep("127.0.0.1", "win");
        step.setPort(service.port());
        step.setCommand("echo never");
        assertThatThrownBy(() -> runStep(step)).satisfies(e -> assertThat(e.toString()).doesNotContain(PASSWORD));
        assertThat(service.delegatedLogons()).isEmpty();
        assertThat(service.shells().commandLines()).isEmpty();
    }

    @Test
    void stopTerminatesTheRemoteCommandAndDeletesTheShell() throws Exception {
        startService(false);
        WinRmStep step = new WinRmStep("127.0.0.1", "win");
        step.setTransport("http");
        step.setPort(service.port());
        step.setCommand("echo started; sleep 100");
        StandInStepContext context = context();
        StepExecution execution = step.start(context);
        execution.start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (service.shells().liveProcesses().isEmpty() || !log().contains("started")) {
            assertThat(System.nanoTime()).as("remote command started").isLessThan(deadline);
            Thread.sleep(50);
        }
        execution.stop(new InterruptedException("aborted by user"));

        assertThat(context.outcome).failsWithin(30, TimeUnit.SECONDS);
        deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!service.shells().openShellIds().isEmpty() || !service.shells().liveProcesses().isEmpty()) {
            assertThat(System.nanoTime()).as("shell deleted, process ended").isLessThan(deadline);
            Thread.sleep(100);
        }
        assertThat(service.shells().deletedShellIds()).hasSize(1);
    }

    private StandInStepContext context() {
        return new StandInStepContext(Map.of(Run.class, run, TaskListener.class, listener,
                Launcher.class, new Launcher.LocalLauncher(listener)));
    }

    private Object runStep(WinRmStep step) throws Exception {
        return context().run(step, Duration.ofSeconds(60));
    }
}
