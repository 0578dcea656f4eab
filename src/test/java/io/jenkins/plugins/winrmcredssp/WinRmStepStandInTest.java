package io.jenkins.plugins.winrmcredssp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import hudson.AbortException;
import hudson.Launcher;
import hudson.model.Run;
import hudson.model.TaskListener;
import hudson.util.StreamTaskListener;
import io.jenkins.plugins.winrmcredssp.protocol.auth.UserCredentials;
import io.jenkins.plugins.winrmcredssp.protocol.wsman.PowerShellCommand;
import io.jenkins.plugins.winrmcredssp.protocol.wsman.server.BasicAuthenticator;
import io.jenkins.plugins.winrmcredssp.protocol.wsman.server.LocalWinRmService;
import io.jenkins.plugins.winrmcredssp.standin.StandInJenkins;
import io.jenkins.plugins.winrmcredssp.testsupport.BasicAuthSessionOpener;
import io.jenkins.plugins.winrmcredssp.testsupport.StandInFixtures;
import io.jenkins.plugins.winrmcredssp.testsupport.StandInFixtures.TestRun;
import io.jenkins.plugins.winrmcredssp.testsupport.StandInFixtures.UsernamePassword;
import io.jenkins.plugins.winrmcredssp.testsupport.StandInStepContext;
import java.io.ByteArrayOutputStream;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The {@code winrmCredSSP} pipeline step, run through its execution as Pipeline would, against the local service. */
class WinRmStepStandInTest {
    private static final String PASSWORD = "Tr0ub4dor&3";

    private LocalWinRmService service;
    private TestRun run;
    private final ByteArrayOutputStream log = new ByteArrayOutputStream();
    private TaskListener listener;

    @BeforeEach
    void start() throws Exception {
        StandInJenkins.start();
        StandInJenkins.addCredentials(new UsernamePassword("win", "Windows deploy account", "alice", PASSWORD));
        service = LocalWinRmService.builder().https()
                .authenticator(new BasicAuthenticator(List.of(UserCredentials.parse("alice", PASSWORD.toCharArray()))))
                .start();
        run = StandInFixtures.newRun("deploy");
        listener = new StreamTaskListener(log, StandardCharsets.UTF_8);
    }

    @AfterEach
    void stop() {
        service.close();
        StandInJenkins.reset();
    }

    private WinRmStep step(String credentialsId) {
        WinRmStep step = new WinRmStep("127.0.0.1", credentialsId).withOpener(new BasicAuthSessionOpener());
        step.setPort(service.port());
        step.setSkipCertificateVerification(true);
        return step;
    }

    private StandInStepContext context() {
        return new StandInStepContext(Map.of(Run.class, run, TaskListener.class, listener,
                Launcher.class, new Launcher.LocalLauncher(listener)));
    }

    private Object runToEnd(WinRmStep step) throws Exception {
        return context().run(step, Duration.ofSeconds(30));
    }

    private String log() {
        return log.toString(StandardCharsets.UTF_8);
    }

    @Test
    void logsOutputAndTracksTheCredential() throws Exception {
        WinRmStep step = step("win");
        step.setCommand("echo deployed; echo '" + PASSWORD + "'");

        assertThat(runToEnd(step)).isNull();
        assertThat(log()).contains("as alice").contains("deployed\n****\n").doesNotContain(PASSWORD)
                .contains("Remote command exited with code 0");
        assertThat(StandInJenkins.tracked(run)).extracting(c -> ((UsernamePassword) c).getId()).containsExactly("win");
    }

    @Test
    void returnStdoutReturnsStandardOutput() throws Exception {
        WinRmStep step = step("win");
        step.setCommand("echo 4.2.0");
        step.setReturnStdout(true);
        assertThat(runToEnd(step)).isEqualTo("4.2.0\n");
    }

    @Test
    void returnStatusReturnsTheExitCodeInsteadOfFailing() throws Exception {
        WinRmStep step = step("win");
        step.setCommand("exit 5");
        step.setReturnStatus(true);
        assertThat(runToEnd(step)).isEqualTo(5);
    }

    @Test
    void powershellRunsPowerShellWithTheEncodedScript() throws Exception {
        WinRmStep step = step("win");
        step.setPowershell("Write-Output 'hi'");
        step.setReturnStatus(true);
        runToEnd(step);
        // the local service runs commands with /bin/sh, where there is no powershell: what matters is what was sent
        assertThat(service.shells().commandLines()).singleElement().asString()
                .startsWith("powershell -NoProfile -NonInteractive -EncodedCommand ")
                .endsWith(PowerShellCommand.encode("Write-Output 'hi'"));
    }

    @Test
    void nonZeroExitFailsWithTheExitCode() {
        WinRmStep step = step("win");
        step.setCommand("echo failing >&2; exit 7");
        assertThatThrownBy(() -> runToEnd(step)).isInstanceOf(AbortException.class)
                .hasMessage(Messages.WinRmExecution_ExitCode("127.0.0.1", 7));
        assertThat(log()).contains("failing");
    }

    @Test
    void aNetworkTimeoutIsAFailureNotAnAbort() {
        WinRmStep step = new WinRmStep("127.0.0.1", "win").withOpener((options, user, password) -> {
            throw new SocketTimeoutException("read timed out");
        });
        step.setCommand("echo hi");
        assertThatThrownBy(() -> runToEnd(step)).isInstanceOf(SocketTimeoutException.class);
    }

    @Test
    void missingCredentialNamesTheId() {
        WinRmStep step = step("nope");
        step.setCommand("echo hi");
        assertThatThrownBy(() -> runToEnd(step)).isInstanceOf(AbortException.class).hasMessageContaining("'nope'");
        assertThat(service.shells().deletedShellIds()).isEmpty();
    }

    @Test
    void exactlyOneScriptAndAtMostOneReturnOption() {
        WinRmStep neither = step("win");
        assertThatThrownBy(() -> neither.start(context())).hasMessage(Messages.WinRmCommandSettings_NoScript());

        WinRmStep both = step("win");
        both.setCommand("dir");
        both.setPowershell("Get-ChildItem");
        assertThatThrownBy(() -> both.start(context())).hasMessage(Messages.WinRmCommandSettings_BothScripts());

        WinRmStep twoReturns = step("win");
        twoReturns.setCommand("dir");
        twoReturns.setReturnStatus(true);
        twoReturns.setReturnStdout(true);
        assertThatThrownBy(() -> twoReturns.start(context())).hasMessage(Messages.WinRmStep_BothReturns());
    }

    @Test
    void invalidOptionsAbortBeforeConnecting() {
        WinRmStep step = step("win");
        step.setCommand("dir");
        step.setTransport("ftp");
        assertThatThrownBy(() -> runToEnd(step)).isInstanceOf(AbortException.class)
                .hasMessageContaining("transport must be one of https, http");
    }

    @Test
    void stopTerminatesTheRemoteCommandAndDeletesTheShell() throws Exception {
        WinRmStep step = step("win");
        step.setCommand("echo started; sleep 60");
        StandInStepContext context = context();
        StepExecution execution = step.start(context);
        execution.start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (service.shells().liveProcesses().isEmpty() || !log().contains("started")) {
            assertThat(System.nanoTime()).as("remote command started").isLessThan(deadline);
            Thread.sleep(50);
        }
        execution.stop(new InterruptedException("aborted by user"));

        assertThat(context.outcome).failsWithin(20, TimeUnit.SECONDS);
        while (!service.shells().openShellIds().isEmpty() || !service.shells().liveProcesses().isEmpty()) {
            assertThat(System.nanoTime()).as("shell deleted, process ended").isLessThan(deadline + 20_000_000_000L);
            Thread.sleep(50);
        }
        assertThat(service.shells().deletedShellIds()).hasSize(1);
    }

    @Test
    void descriptorNamesTheStepAndItsContext() {
        WinRmStep.DescriptorImpl descriptor = new WinRmStep.DescriptorImpl();
        assertThat(descriptor.getFunctionName()).isEqualTo("winrmCredSSP");
        assertThat(Set.copyOf(descriptor.getRequiredContext())).isEqualTo(Set.of(Run.class, TaskListener.class,
                Launcher.class));
        assertThat(descriptor.doFillAuthMechanismItems()).extracting(o -> o.value)
                .containsExactly("auto", "ntlm", "kerberos");
        assertThat(descriptor.doFillTransportItems()).extracting(o -> o.value).containsExactly("https", "http");
    }
}
