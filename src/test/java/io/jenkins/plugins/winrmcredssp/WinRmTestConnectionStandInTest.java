package io.jenkins.plugins.winrmcredssp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import hudson.model.Item;
import hudson.security.AccessDeniedException3;
import hudson.util.FormValidation;
import io.jenkins.plugins.winrmcredssp.protocol.auth.UserCredentials;
import io.jenkins.plugins.winrmcredssp.protocol.wsman.server.LocalWinRmService;
import io.jenkins.plugins.winrmcredssp.runner.CredSspSessionOpener;
import io.jenkins.plugins.winrmcredssp.standin.StandInJenkins;
import io.jenkins.plugins.winrmcredssp.testsupport.StandInFixtures.SecretText;
import io.jenkins.plugins.winrmcredssp.testsupport.StandInFixtures.TestJob;
import io.jenkins.plugins.winrmcredssp.testsupport.StandInFixtures.UsernamePassword;
import java.lang.reflect.Method;
import java.util.concurrent.TimeUnit;
import jenkins.model.Jenkins;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.kohsuke.stapler.verb.POST;

/** The Test Connection button: POST only, Item.CONFIGURE (or ADMINISTER), real CredSSP session and shell. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class WinRmTestConnectionStandInTest {
    private static final String PASSWORD = "C0nnect-Passw0rd";
    private final TestJob job = new TestJob("deploy");
    private LocalWinRmService service;

    @BeforeEach
    void start() throws Exception {
        StandInJenkins.start();
        StandInJenkins.actAs("bob");
        StandInJenkins.addCredentials(new UsernamePassword("win", "", "EXAMPLE\\alice", PASSWORD));
        StandInJenkins.addCredentials(new UsernamePassword("wrong", "", "EXAMPLE\\alice", "not-" + PASSWORD));
        StandInJenkins.addCredentials(new SecretText("token", "abc"));
        service = LocalWinRmService.builder()
                .windowsAuthentication(UserCredentials.parse("EXAMPLE\\alice", PASSWORD.toCharArray())).start();
    }

    @AfterEach
    void stop() {
        service.close();
        StandInJenkins.reset();
    }

    private WinRmCommandSettings settings(String credentialsId) {
        WinRmCommandSettings settings = new WinRmCommandSettings("127.0.0.1", credentialsId);
        settings.setTransport("http");
        settings.setPort(service.port());
        return settings;
    }

    private FormValidation test(Item item, String credentialsId) {
        return WinRmFormSupport.testConnection(item, settings(credentialsId), new CredSspSessionOpener());
    }

    @Test
    void reportsWhatWasNegotiatedAndDeletesTheShell() {
        StandInJenkins.grant(job, Item.CONFIGURE);
        FormValidation result = test(job, "win");

        assertThat(result.kind).as(result.getMessage()).isEqualTo(FormValidation.Kind.OK);
        assertThat(result.getMessage()).contains("as EXAMPLE\\alice").contains("Negotiated CredSSP v6")
                .doesNotContain(PASSWORD);
        assertThat(service.shells().deletedShellIds()).hasSize(1);
        assertThat(service.shells().openShellIds()).isEmpty();
    }

    @Test
    void failuresAreReportedWithoutThePassword() {
        StandInJenkins.grant(job, Item.CONFIGURE);
        FormValidation wrong = test(job, "wrong");
        assertThat(wrong.kind).isEqualTo(FormValidation.Kind.ERROR);
        assertThat(wrong.getMessage()).contains("Could not open a session").doesNotContain(PASSWORD);

        assertThat(test(job, "missing").getMessage()).contains("'missing'");
        assertThat(test(job, "token").getMessage()).contains("'token'").contains("SecretText");
    }

    @Test
    void needsConfigureOnTheJobOrAdministerWithoutOne() {
        StandInJenkins.grant(job, Item.READ, Item.EXTENDED_READ);
        assertThatThrownBy(() -> test(job, "win")).isInstanceOf(AccessDeniedException3.class);
        assertThatThrownBy(() -> test(null, "win")).isInstanceOf(AccessDeniedException3.class);
        assertThat(service.shells().commandLines()).isEmpty();
        assertThat(service.delegatedLogons()).isEmpty();

        StandInJenkins.grant(Jenkins.get(), Jenkins.ADMINISTER);
        assertThat(test(null, "win").getMessage()).isEqualTo(Messages.WinRmForm_TestNeedsJob());
    }

    @Test
    void bothDescriptorsAcceptTheButtonOnlyByPost() throws Exception {
        for (Class<?> descriptor : new Class<?>[] {WinRmStep.DescriptorImpl.class, WinRmBuilder.DescriptorImpl.class}) {
            Method method = java.util.Arrays.stream(descriptor.getMethods())
                    .filter(m -> m.getName().equals("doTestConnection")).findFirst().orElseThrow();
            assertThat(method.isAnnotationPresent(POST.class)).as(descriptor.getName()).isTrue();
        }
    }
}
