package io.jenkins.plugins.winrmcredssp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.cloudbees.plugins.credentials.CredentialsScope;
import com.cloudbees.plugins.credentials.SystemCredentialsProvider;
import com.cloudbees.plugins.credentials.impl.UsernamePasswordCredentialsImpl;
import hudson.FilePath;
import hudson.model.FreeStyleProject;
import hudson.model.Item;
import hudson.model.Result;
import hudson.model.User;
import hudson.security.ACL;
import hudson.security.ACLContext;
import hudson.security.AccessDeniedException3;
import hudson.slaves.DumbSlave;
import io.jenkins.plugins.winrmcredssp.protocol.auth.UserCredentials;
import io.jenkins.plugins.winrmcredssp.protocol.transfer.RemotePlatform;
import io.jenkins.plugins.winrmcredssp.protocol.wsman.server.LocalWinRmService;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import jenkins.model.Jenkins;
import org.jenkinsci.plugins.structs.describable.DescribableModel;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.cps.Snippetizer;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.jenkinsci.plugins.workflow.steps.CoreStep;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.MockAuthorizationStrategy;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/**
 * In a real Jenkins (the {@code jenkins} profile; see docs/jenkins-build.md): the copy step in a Pipeline on an agent
 * and the copy builder in a freestyle job, against the local WinRM service over CredSSP (HTTP with message
 * encryption) and its POSIX transfer agent (selected on the controller by a system property), plus configuration
 * round trips and the Test Connection permission check. Not on Windows: the service runs its agent with python3.
 */
@WithJenkins
@DisabledOnOs(OS.WINDOWS)
class WinRmCredSspCopyJenkinsTest {
    private static final String PASSWORD = "Jenkins-Copy-Passw0rd-7";

    @TempDir
    Path destination;

    private LocalWinRmService service;

    @BeforeEach
    void startService() throws Exception {
        System.setProperty(WinRmCopySettings.PLATFORM_PROPERTY, RemotePlatform.POSIX.name());
        service = LocalWinRmService.builder()
                .windowsAuthentication(UserCredentials.parse("EXAMPLE\\alice", PASSWORD.toCharArray())).start();
    }

    @AfterEach
    void stopService() {
        service.close();
        System.clearProperty(WinRmCopySettings.PLATFORM_PROPERTY);
    }

    private static void addCredentials(String id) throws Exception {
        SystemCredentialsProvider.getInstance().getCredentials().add(
                new UsernamePasswordCredentialsImpl(CredentialsScope.GLOBAL, id, "", "EXAMPLE\\alice", PASSWORD));
        SystemCredentialsProvider.getInstance().save();
    }

    private String copyStep(String includes) {
        return "winrmCredSSPCopy host: '127.0.0.1', port: " + service.port() + ", transport: 'http',"
                + " credentialsId: 'win', includes: '" + includes + "', destination: '" + destination + "'";
    }

    @Test
    void pipelineOnAnAgentCopiesReturnsMapsAndSkipsUnchangedFilesTheSecondTime(JenkinsRule r) throws Exception {
        addCredentials("win");
        DumbSlave agent = r.createOnlineSlave();
        WorkflowJob job = r.createProject(WorkflowJob.class, "deploy");
        job.setDefinition(new CpsFlowDefinition(
                "node('" + agent.getNodeName() + "') {\n"
                        + "  writeFile file: 'out/bin/app.dll', text: 'the app'\n"
                        + "  writeFile file: 'out/app.pdb', text: 'symbols'\n"
                        + "  def files = " + copyStep("out/**") + ", excludes: '**/*.pdb'\n"
                        + "  echo \"files=${files.collect { it.path + ':' + it.outcome + ':' + it.size }}\"\n"
                        + "}", true));

        WorkflowRun first = r.buildAndAssertSuccess(job);
        r.assertLogContains("files=[out/bin/app.dll:copied:7]", first);
        r.assertLogContains("Copied 1 file (7 B) to " + destination, first);
        r.assertLogContains("Negotiated CredSSP v6", first);
        r.assertLogNotContains(PASSWORD, first);
        assertThat(destination.resolve("out/bin/app.dll")).hasContent("the app");
        assertThat(destination.resolve("out/app.pdb")).doesNotExist();

        WorkflowRun second = r.buildAndAssertSuccess(job);
        r.assertLogContains("files=[out/bin/app.dll:skipped_unchanged:7]", second);
        assertThat(service.delegatedLogons()).hasSize(2).allSatisfy(l -> assertThat(l.passwordVerified()).isTrue());
        assertThat(service.shells().openShellIds()).isEmpty();
    }

    @Test
    void pipelineFailsWhenNothingMatchesUnlessAllowed(JenkinsRule r) throws Exception {
        addCredentials("win");
        WorkflowJob job = r.createProject(WorkflowJob.class, "empty");
        job.setDefinition(new CpsFlowDefinition("node { " + copyStep("**/*.msi") + " }", true));
        r.assertLogContains("No files in", r.buildAndAssertStatus(Result.FAILURE, job));

        job.setDefinition(new CpsFlowDefinition("node { def files = " + copyStep("**/*.msi")
                + ", allowEmpty: true\n echo \"n=${files.size()}\" }", true));
        r.assertLogContains("n=0", r.buildAndAssertSuccess(job));
        assertThat(service.delegatedLogons()).isEmpty();
    }

    @Test
    void abortingThePipelineStopsTheTransferAndDeletesTheShell(JenkinsRule r) throws Exception {
        addCredentials("win");
        WorkflowJob job = r.createProject(WorkflowJob.class, "aborted");
        Path workspace = Files.createDirectories(Path.of(r.jenkins.getWorkspaceFor(job).getRemote()));
        try (RandomAccessFile big = new RandomAccessFile(workspace.resolve("big.bin").toFile(), "rw")) {
            big.setLength(512L * 1024 * 1024);
        }
        job.setDefinition(new CpsFlowDefinition("node { " + copyStep("big.bin") + " }", true));
        WorkflowRun run = job.scheduleBuild2(0).waitForStart();
        r.waitForMessage("Sending 1 of 1 files", run);
        run.doStop();

        r.assertBuildStatus(Result.ABORTED, r.waitForCompletion(run));
        assertThat(destination.resolve("big.bin")).doesNotExist();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!service.shells().openShellIds().isEmpty() || !service.shells().liveProcesses().isEmpty()) {
            assertThat(System.nanoTime()).as("shell deleted, agent ended").isLessThan(deadline);
            Thread.sleep(100);
        }
    }

    @Test
    void freestyleBuilderCopiesAndRoundTrips(JenkinsRule r) throws Exception {
        addCredentials("win");
        FreeStyleProject project = r.createFreeStyleProject("freestyle");
        WinRmCopyBuilder builder = new WinRmCopyBuilder("127.0.0.1", "win", "**/*.config",
                destination + "/$BUILD_NUMBER");
        builder.setTransport("http");
        builder.setPort(service.port());
        builder.setAuthMechanism("ntlm");
        builder.setSourceDirectory("site");
        builder.setExcludes("**/debug.config");
        builder.setOverwrite("always");
        project.getBuildersList().add(builder);

        r.configRoundtrip(project);
        WinRmCopyBuilder saved = project.getBuildersList().get(WinRmCopyBuilder.class);
        r.assertEqualDataBoundBeans(builder, saved);
        // help of the connection fields comes from the command builder, of the copy fields from the copy step
        String form = r.createWebClient().getPage(project, "configure").getWebResponse().getContentAsString();
        assertThat(form).contains("descriptor/" + WinRmBuilder.class.getName() + "/help/host")
                .contains("descriptor/" + WinRmCopyStep.class.getName() + "/help/includes");

        FilePath workspace = r.jenkins.getWorkspaceFor(project);
        workspace.child("site/web.config").write("<configuration/>", "UTF-8");
        workspace.child("site/debug.config").write("<debug/>", "UTF-8");
        r.assertLogContains("Copied 1 file (", r.buildAndAssertSuccess(project));
        assertThat(Files.readString(destination.resolve("1/web.config"), StandardCharsets.UTF_8))
                .isEqualTo("<configuration/>");
        assertThat(destination.resolve("1/debug.config")).doesNotExist();
    }

    @Test
    void stepAndBuilderRoundTripThroughTheirModelsAndTheSnippetizer(JenkinsRule r) throws Exception {
        WinRmCopyStep step = new WinRmCopyStep("win01.corp.example.com", "win", "bin/**, config/*.xml",
                "\\\\files01\\releases\\app");
        step.setExcludes("**/*.pdb");
        step.setSourceDirectory("build/out");
        step.setOverwrite("always");
        step.setAllowEmpty(true);
        step.setCertificateThumbprint("ab".repeat(32));
        DescribableModel<WinRmCopyStep> model = DescribableModel.of(WinRmCopyStep.class);
        r.assertEqualDataBoundBeans(step, model.instantiate(model.uninstantiate2(step).getArguments()));

        String snippet = Snippetizer.object2Groovy(step);
        assertThat(snippet).startsWith("winrmCredSSPCopy ").contains("includes: 'bin/**, config/*.xml'")
                .contains("sourceDirectory: 'build/out'").contains("overwrite: 'always'").contains("allowEmpty: true")
                .contains("host: 'win01.corp.example.com'");

        WinRmCopyBuilder builder = new WinRmCopyBuilder("win01", "win", "**", "C:\\deploy\\app");
        // a builder is a Pipeline step through the CoreStep meta-step; object2Groovy of the bare builder renders
        // "<object of type ...>"
        assertThat(Snippetizer.object2Groovy(new CoreStep(builder))).startsWith("winrmCredSSPCopyFiles ")
                .contains("destination: 'C:\\\\deploy\\\\app'");
    }

    @Test
    void testConnectionOfTheCopyFormsNeedsConfigure(JenkinsRule r) throws Exception {
        addCredentials("win");
        r.jenkins.setSecurityRealm(r.createDummySecurityRealm());
        r.jenkins.setAuthorizationStrategy(new MockAuthorizationStrategy()
                .grant(Jenkins.READ, Item.READ, Item.EXTENDED_READ).everywhere().to("reader"));
        FreeStyleProject project = r.createFreeStyleProject("guarded");
        WinRmCopyStep.DescriptorImpl step = r.jenkins.getDescriptorByType(WinRmCopyStep.DescriptorImpl.class);
        WinRmCopyBuilder.DescriptorImpl builder = r.jenkins.getDescriptorByType(WinRmCopyBuilder.DescriptorImpl.class);

        try (ACLContext ignored = ACL.as2(User.getById("reader", true).impersonate2())) {
            assertThatThrownBy(() -> builder.doTestConnection(project, "127.0.0.1", "win", service.port(), "http",
                    null, null, false, "auto", null, 6)).isInstanceOf(AccessDeniedException3.class);
            assertThatThrownBy(() -> step.doTestConnection(project, "127.0.0.1", "win", service.port(),
                    "http", null, null, false, "auto", null, 6)).isInstanceOf(AccessDeniedException3.class);
        }
        assertThat(service.delegatedLogons()).isEmpty();
    }
}
