package io.jenkins.plugins.winrmcredssp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.cloudbees.plugins.credentials.CredentialsScope;
import com.cloudbees.plugins.credentials.SystemCredentialsProvider;
import com.cloudbees.plugins.credentials.impl.UsernamePasswordCredentialsImpl;
import hudson.model.FreeStyleBuild;
import hudson.model.FreeStyleProject;
import hudson.model.Item;
import hudson.model.Result;
import hudson.model.User;
import hudson.security.ACL;
import hudson.security.ACLContext;
import hudson.security.AccessDeniedException3;
import hudson.slaves.DumbSlave;
import hudson.util.FormValidation;
import io.jenkins.plugins.winrmcredssp.protocol.auth.UserCredentials;
import io.jenkins.plugins.winrmcredssp.protocol.wsman.server.LocalWinRmService;
import jenkins.model.Jenkins;
import org.htmlunit.HttpMethod;
import org.htmlunit.Page;
import org.htmlunit.WebRequest;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.cps.Snippetizer;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.MockAuthorizationStrategy;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/**
 * In a real Jenkins (the {@code jenkins} profile; see docs/jenkins-build.md): the step in a Pipeline on an agent and the
 * builder in a freestyle job, against the local WinRM service over CredSSP (HTTP with message encryption), plus
 * configuration round trips and the Test Connection permission checks. The service runs commands with /bin/sh, hence
 * not on Windows.
 */
@WithJenkins
@DisabledOnOs(OS.WINDOWS)
class WinRmCredSspJenkinsTest {
    private static final String PASSWORD = "Jenkins-Passw0rd-42";

    private LocalWinRmService service;

    @BeforeEach
    void startService() throws Exception {
        service = LocalWinRmService.builder()
                .windowsAuthentication(UserCredentials.parse("EXAMPLE\\alice", PASSWORD.toCharArray())).start();
    }

    @AfterEach
    void stopService() {
        service.close();
    }

    private static void addCredentials(String id, String password) throws Exception {
        SystemCredentialsProvider.getInstance().getCredentials().add(
                new UsernamePasswordCredentialsImpl(CredentialsScope.GLOBAL, id, "", "EXAMPLE\\alice", password));
        SystemCredentialsProvider.getInstance().save();
    }

    @Test
    void pipelineOnAnAgentReturnsStdoutAndMasksThePassword(JenkinsRule r) throws Exception {
        addCredentials("win", PASSWORD);
        DumbSlave agent = r.createOnlineSlave();
        WorkflowJob job = r.createProject(WorkflowJob.class, "deploy");
        job.setDefinition(new CpsFlowDefinition(
                "node('" + agent.getNodeName() + "') {\n"
                        + "  def out = winrmCredSSP host: '127.0.0.1', port: " + service.port() + ", transport: 'http',"
                        + " credentialsId: 'win', command: \"echo deployed; echo '" + PASSWORD + "'\", returnStdout: true\n"
                        + "  echo \"stdout=[${out.trim()}]\"\n"
                        + "  def status = winrmCredSSP host: '127.0.0.1', port: " + service.port() + ", transport: 'http',"
                        + " credentialsId: 'win', command: 'exit 3', returnStatus: true\n"
                        + "  echo \"status=${status}\"\n"
                        + "}", true));
        WorkflowRun run = r.buildAndAssertSuccess(job);

        r.assertLogContains("stdout=[deployed\n****]", run);
        r.assertLogContains("status=3", run);
        r.assertLogContains("Negotiated CredSSP v6", run);
        r.assertLogNotContains(PASSWORD, run);
        assertThat(service.delegatedLogons()).hasSize(2).allSatisfy(l -> assertThat(l.passwordVerified()).isTrue());
        assertThat(service.shells().openShellIds()).isEmpty();
    }

    @Test
    void pipelineFailsOnNonZeroExitAndOnUnknownCredentials(JenkinsRule r) throws Exception {
        addCredentials("win", PASSWORD);
        WorkflowJob job = r.createProject(WorkflowJob.class, "failing");
        job.setDefinition(new CpsFlowDefinition("node { winrmCredSSP host: '127.0.0.1', port: " + service.port()
                + ", transport: 'http', credentialsId: 'win', command: 'exit 7' }", true));
        WorkflowRun run = r.buildAndAssertStatus(Result.FAILURE, job);
        r.assertLogContains("failed with exit code 7", run);

        job.setDefinition(new CpsFlowDefinition("node { winrmCredSSP host: '127.0.0.1', credentialsId: 'nope',"
                + " command: 'dir' }", true));
        r.assertLogContains("'nope'", r.buildAndAssertStatus(Result.FAILURE, job));
    }

    @Test
    void freestyleBuilderRunsAndRoundTrips(JenkinsRule r) throws Exception {
        addCredentials("win", PASSWORD);
        FreeStyleProject project = r.createFreeStyleProject("freestyle");
        WinRmBuilder builder = new WinRmBuilder("127.0.0.1", "win");
        builder.setTransport("http");
        builder.setPort(service.port());
        builder.setAuthMechanism("ntlm");
        builder.setTimeout(600);
        builder.setEnvironment("GREETING=hello");
        builder.setCommand("echo \"$GREETING\"");
        project.getBuildersList().add(builder);

        r.configRoundtrip(project);
        WinRmBuilder saved = project.getBuildersList().get(WinRmBuilder.class);
        r.assertEqualDataBoundBeans(builder, saved);

        FreeStyleBuild build = r.buildAndAssertSuccess(project);
        r.assertLogContains("hello", build);

        saved.setCommand("exit 2");
        r.assertLogContains("failed with exit code 2", r.buildAndAssertStatus(Result.FAILURE, project));
    }

    @Test
    void stepConfigurationRoundTripsThroughTheSnippetizer(JenkinsRule r) throws Exception {
        WinRmStep step = new WinRmStep("win01.corp.example.com", "win");
        step.setPowershell("Get-ChildItem");
        step.setCertificateThumbprint("ab".repeat(32));
        step.setMinCredSSPVersion(5);
        step.setReturnStatus(true);
        String snippet = Snippetizer.object2Groovy(step);
        assertThat(snippet).startsWith("winrmCredSSP ").contains("host: 'win01.corp.example.com'")
                .contains("powershell: 'Get-ChildItem'").contains("minCredSSPVersion: 5").contains("returnStatus: true");
    }

    @Test
    void testConnectionNeedsConfigureAndPost(JenkinsRule r) throws Exception {
        addCredentials("win", PASSWORD);
        r.jenkins.setSecurityRealm(r.createDummySecurityRealm());
        r.jenkins.setAuthorizationStrategy(new MockAuthorizationStrategy()
                .grant(Jenkins.READ, Item.READ, Item.EXTENDED_READ).everywhere().to("reader")
                .grant(Jenkins.READ, Item.READ, Item.CONFIGURE).everywhere().to("configurer"));
        FreeStyleProject project = r.createFreeStyleProject("guarded");
        WinRmBuilder.DescriptorImpl descriptor = r.jenkins.getDescriptorByType(WinRmBuilder.DescriptorImpl.class);

        try (ACLContext ignored = ACL.as2(User.getById("reader", true).impersonate2())) {
            assertThatThrownBy(() -> descriptor.doTestConnection(project, "127.0.0.1", "win", service.port(), "http",
                    null, null, false, "auto", null, 6)).isInstanceOf(AccessDeniedException3.class);
        }
        assertThat(service.delegatedLogons()).isEmpty();
        try (ACLContext ignored = ACL.as2(User.getById("configurer", true).impersonate2())) {
            FormValidation ok = descriptor.doTestConnection(project, "127.0.0.1", "win", service.port(), "http",
                    null, null, false, "auto", null, 6);
            assertThat(ok.kind).as(ok.getMessage()).isEqualTo(FormValidation.Kind.OK);
            assertThat(ok.getMessage()).contains("Negotiated CredSSP v6").doesNotContain(PASSWORD);
        }

        JenkinsRule.WebClient wc = r.createWebClient().login("configurer").withThrowExceptionOnFailingStatusCode(false);
        Page get = wc.getPage(new WebRequest(wc.createCrumbedUrl("job/guarded/descriptorByName/"
                + WinRmBuilder.class.getName() + "/testConnection?host=127.0.0.1&credentialsId=win"), HttpMethod.GET));
        assertThat(get.getWebResponse().getStatusCode()).isEqualTo(405);
    }
}
