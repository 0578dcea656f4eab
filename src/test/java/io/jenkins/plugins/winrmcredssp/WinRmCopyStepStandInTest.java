package io.jenkins.plugins.winrmcredssp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import hudson.AbortException;
import hudson.EnvVars;
import hudson.FilePath;
import hudson.Launcher;
import hudson.model.Run;
import hudson.model.TaskListener;
import hudson.util.FormValidation;
import hudson.util.StreamTaskListener;
import io.jenkins.plugins.winrmcredssp.protocol.auth.UserCredentials;
import io.jenkins.plugins.winrmcredssp.protocol.transfer.RemotePlatform;
import io.jenkins.plugins.winrmcredssp.protocol.wsman.server.LocalWinRmService;
import io.jenkins.plugins.winrmcredssp.standin.StandInJenkins;
import io.jenkins.plugins.winrmcredssp.testsupport.StandInFixtures;
import io.jenkins.plugins.winrmcredssp.testsupport.StandInFixtures.TestRun;
import io.jenkins.plugins.winrmcredssp.testsupport.StandInFixtures.UsernamePassword;
import io.jenkins.plugins.winrmcredssp.testsupport.StandInStepContext;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code winrmCredSSPCopy} step, run through its execution as Pipeline would, and the copy builder, with the
 * production opener (CredSSP over HTTP) against the local service and its POSIX transfer agent.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class WinRmCopyStepStandInTest {
    private static final String PASSWORD = "Depl0y-Passw0rd";

    @TempDir
    Path temp;

    private Path workspace;
    private Path destination;
    private LocalWinRmService service;
    private TestRun run;
    private final ByteArrayOutputStream log = new ByteArrayOutputStream();
    private TaskListener listener;

    @BeforeEach
    void start() throws Exception {
        System.setProperty(WinRmCopySettings.PLATFORM_PROPERTY, RemotePlatform.POSIX.name());
        StandInJenkins.start();
        StandInJenkins.addCredentials(new UsernamePassword("win", "", "EXAMPLE\\alice", PASSWORD));
        service = LocalWinRmService.builder()
                .windowsAuthentication(UserCredentials.parse("EXAMPLE\\alice", PASSWORD.toCharArray())).start();
        run = StandInFixtures.newRun("deploy");
        listener = new StreamTaskListener(log, StandardCharsets.UTF_8);
        workspace = Files.createDirectories(temp.resolve("workspace"));
        destination = temp.resolve("releases").resolve("app");
        write("build/out/bin/app.dll", "the app");
        write("build/out/bin/app.pdb", "symbols");
        write("build/out/web.config", "<configuration/>");
    }

    @AfterEach
    void stop() {
        service.close();
        StandInJenkins.reset();
        System.clearProperty(WinRmCopySettings.PLATFORM_PROPERTY);
    }

    private void write(String relative, String content) throws IOException {
        Path file = workspace.resolve(relative);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content, StandardCharsets.UTF_8);
    }

    private WinRmCopyStep step(String credentialsId, String includes) {
        WinRmCopyStep step = new WinRmCopyStep("127.0.0.1", credentialsId, includes, destination.toString());
        step.setTransport("http");
        step.setPort(service.port());
        step.setAuthMechanism("ntlm");
        return step;
    }

    private StandInStepContext context() {
        return new StandInStepContext(Map.of(Run.class, run, TaskListener.class, listener,
                FilePath.class, new FilePath(workspace.toFile())));
    }

    private Object runToEnd(WinRmCopyStep step) throws Exception {
        return context().run(step, Duration.ofSeconds(60));
    }

    private String log() {
        return log.toString(StandardCharsets.UTF_8);
    }

    @Test
    void stepCopiesFromTheSourceDirectoryAndReturnsPlainMaps() throws Exception {
        WinRmCopyStep step = step("win", "**");
        step.setSourceDirectory("build/out");
        step.setExcludes("**/*.pdb");

        Object result = runToEnd(step);

        assertThat(result).isInstanceOf(List.class);
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> files = (List<Map<String, Object>>) result;
        assertThat(files).extracting(f -> f.get("path")).containsExactly("bin/app.dll", "web.config");
        assertThat(files.get(0)).containsOnlyKeys("path", "remotePath", "outcome", "size", "sha256")
                .containsEntry("outcome", "copied").containsEntry("size", 7L)
                .containsEntry("remotePath", destination.resolve("bin/app.dll").toString());
        assertThat(files.get(0).values()).allSatisfy(v -> assertThat(v).isInstanceOfAny(String.class, Long.class));
        assertThat(destination.resolve("bin/app.dll")).hasContent("the app");
        assertThat(destination.resolve("bin/app.pdb")).doesNotExist();
        assertThat(log()).contains("as EXAMPLE\\alice").contains("Copied 2 files (").doesNotContain(PASSWORD);
        assertThat(StandInJenkins.tracked(run)).extracting(c -> ((UsernamePassword) c).getId()).containsExactly("win");
        assertThat(service.shells().openShellIds()).isEmpty();
    }

    @Test
    void builderCopiesAndFailsTheBuildWhenNothingMatches() throws Exception {
        WinRmCopyBuilder builder = new WinRmCopyBuilder("127.0.0.1", "win", "build/out/*.config",
                destination.toString());
        builder.setTransport("http");
        builder.setPort(service.port());
        builder.setOverwrite("always");
        FilePath ws = new FilePath(workspace.toFile());
        builder.perform(run, ws, new EnvVars(), new Launcher.LocalLauncher(listener), listener);
        assertThat(destination.resolve("build/out/web.config")).hasContent("<configuration/>");

        WinRmCopyBuilder nothing = new WinRmCopyBuilder("127.0.0.1", "win", "**/*.msi", destination.toString());
        assertThatThrownBy(() -> nothing.perform(run, ws, new EnvVars(), new Launcher.LocalLauncher(listener),
                listener)).isInstanceOf(AbortException.class).hasMessageContaining("No files in")
                .hasMessageContaining("'**/*.msi'");
        nothing.setAllowEmpty(true);
        nothing.perform(run, ws, new EnvVars(), new Launcher.LocalLauncher(listener), listener);
    }

    @Test
    void builderReplacesTheBuildsEnvironmentVariables() throws Exception {
        WinRmCopyBuilder builder = new WinRmCopyBuilder("127.0.0.1", "win", "${KIND}/*",
                destination + "/$BUILD_NUMBER");
        builder.setTransport("http");
        builder.setPort(service.port());
        builder.setSourceDirectory("build/$OUT");
        builder.setExcludes("**/*.$SKIP");
        EnvVars env = new EnvVars("KIND", "bin", "BUILD_NUMBER", "42", "OUT", "out", "SKIP", "pdb");

        builder.perform(run, new FilePath(workspace.toFile()), env, new Launcher.LocalLauncher(listener), listener);

        assertThat(destination.resolve("42/bin/app.dll")).hasContent("the app");
        assertThat(destination.resolve("42/bin/app.pdb")).doesNotExist();
        assertThat(builder.getDestination()).isEqualTo(destination + "/$BUILD_NUMBER");
    }

    @Test
    void unknownCredentialsAndInvalidSettingsFailBeforeConnecting() {
        assertThatThrownBy(() -> runToEnd(step("nope", "**"))).isInstanceOf(AbortException.class)
                .hasMessageContaining("'nope'");

        WinRmCopyStep badOverwrite = step("win", "**");
        badOverwrite.setOverwrite("sometimes");
        assertThatThrownBy(() -> badOverwrite.start(context())).isInstanceOf(IllegalArgumentException.class)
                .hasMessage(Messages.WinRmCopySettings_BadOverwrite("sometimes"));
        WinRmCopyBuilder noDestination = new WinRmCopyBuilder("127.0.0.1", "win", "**", " ");
        assertThatThrownBy(() -> noDestination.perform(run, new FilePath(workspace.toFile()), new EnvVars(),
                new Launcher.LocalLauncher(listener), listener)).isInstanceOf(AbortException.class)
                .hasMessage(Messages.WinRmExecution_InvalidOptions(Messages.WinRmCopySettings_NoDestination()));
        for (String outside : List.of("../other-job", "build/../../x", "/etc", "C:\\Windows", "build\\..\\..")) {
            WinRmCopyStep escaping = step("win", "**");
            escaping.setSourceDirectory(outside);
            assertThatThrownBy(() -> runToEnd(escaping)).as(outside).isInstanceOf(AbortException.class)
                    .hasMessage(Messages.WinRmExecution_InvalidOptions(
                            Messages.WinRmCopySettings_SourceOutsideWorkspace(outside)));
        }
        assertThat(service.delegatedLogons()).isEmpty();
    }

    @Test
    void stopAbortsTheTransferAndDeletesTheShell() throws Exception {
        try (RandomAccessFile big = new RandomAccessFile(workspace.resolve("big.bin").toFile(), "rw")) {
            big.setLength(256L * 1024 * 1024);
        }
        StandInStepContext context = context();
        StepExecution execution = step("win", "big.bin").start(context);
        execution.start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!log().contains("Sending 1 of 1 files")) {
            assertThat(System.nanoTime()).as("transfer started").isLessThan(deadline);
            assertThat(context.outcome).as("still running").isNotDone();
            Thread.sleep(20);
        }
        execution.stop(new InterruptedException("aborted by user"));

        assertThat(context.outcome).failsWithin(60, TimeUnit.SECONDS);
        assertThat(destination.resolve("big.bin")).doesNotExist();
        while (!service.shells().openShellIds().isEmpty() || !service.shells().liveProcesses().isEmpty()) {
            assertThat(System.nanoTime()).as("shell deleted, agent ended").isLessThan(deadline);
            Thread.sleep(50);
        }
    }

    @Test
    void descriptorsNameTheStepsAndTheirContext() {
        WinRmCopyStep.DescriptorImpl step = new WinRmCopyStep.DescriptorImpl();
        assertThat(step.getFunctionName()).isEqualTo("winrmCredSSPCopy");
        assertThat(Set.copyOf(step.getRequiredContext())).isEqualTo(Set.of(Run.class, TaskListener.class,
                FilePath.class));
        assertThat(step.doFillOverwriteItems()).extracting(o -> o.value).containsExactly("ifChanged", "always", "never");
        assertThat(step.doCheckDestination("C:\\deploy\\app").kind).isEqualTo(FormValidation.Kind.OK);
        assertThat(step.doCheckDestination("\\\\files01\\releases\\app").kind)
                .isEqualTo(FormValidation.Kind.OK);
        assertThat(step.doCheckDestination("deploy/app").kind).isEqualTo(FormValidation.Kind.WARNING);
        assertThat(step.doCheckDestination(" ").kind).isEqualTo(FormValidation.Kind.ERROR);
        assertThat(step.doCheckIncludes("").kind).isEqualTo(FormValidation.Kind.ERROR);
        assertThat(step.doCheckSourceDirectory("build/out").kind).isEqualTo(FormValidation.Kind.OK);
        assertThat(step.doCheckSourceDirectory("../elsewhere").kind).isEqualTo(FormValidation.Kind.ERROR);
        WinRmCopyBuilder.DescriptorImpl builder = new WinRmCopyBuilder.DescriptorImpl();
        assertThat(builder.isApplicable(null)).isTrue();
        assertThat(builder.getDisplayName()).isEqualTo(Messages.WinRmCopyBuilder_DisplayName());
    }
}
