package io.jenkins.plugins.winrmcredssp;

import hudson.EnvVars;
import hudson.Extension;
import hudson.FilePath;
import hudson.Launcher;
import hudson.model.AbstractProject;
import hudson.model.Item;
import hudson.model.Run;
import hudson.model.TaskListener;
import hudson.tasks.BuildStepDescriptor;
import hudson.tasks.Builder;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import io.jenkins.plugins.winrmcredssp.runner.WinRmSessionOpener;
import java.io.IOException;
import jenkins.tasks.SimpleBuildStep;
import org.jenkinsci.Symbol;
import org.kohsuke.stapler.AncestorInPath;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;

/**
 * Freestyle build step (also {@code step([$class: ...])}/{@code winrmCredSSPCommand} in Pipeline) with the same options
 * and behaviour as the {@link WinRmStep} pipeline step, minus the return values: a non-zero exit code fails the build.
 */
public final class WinRmBuilder extends Builder implements SimpleBuildStep {
    private final WinRmCommandSettings settings;
    private transient WinRmSessionOpener opener;

    @DataBoundConstructor
    public WinRmBuilder(String host, String credentialsId) {
        this.settings = new WinRmCommandSettings(host, credentialsId);
    }

    /** Tests use another opener than the CredSSP transport. */
    WinRmBuilder withOpener(WinRmSessionOpener value) {
        this.opener = value;
        return this;
    }

    @Override
    public void perform(Run<?, ?> run, FilePath workspace, EnvVars env, Launcher launcher, TaskListener listener)
            throws InterruptedException, IOException {
        WinRmCommandResult result = WinRmExecution.run(settings, run, launcher, listener, false,
                opener != null ? opener : WinRmExecution.defaultOpener());
        WinRmExecution.requireSuccess(settings, result.exitCode());
    }

    public String getHost() {
        return settings.getHost();
    }

    public String getCredentialsId() {
        return settings.getCredentialsId();
    }

    public String getCommand() {
        return settings.getCommand();
    }

    @DataBoundSetter
    public void setCommand(String command) {
        settings.setCommand(command);
    }

    public String getPowershell() {
        return settings.getPowershell();
    }

    @DataBoundSetter
    public void setPowershell(String powershell) {
        settings.setPowershell(powershell);
    }

    public int getPort() {
        return settings.getPort();
    }

    @DataBoundSetter
    public void setPort(int port) {
        settings.setPort(port);
    }

    public String getTransport() {
        return settings.getTransport();
    }

    @DataBoundSetter
    public void setTransport(String transport) {
        settings.setTransport(transport);
    }

    public String getCertificateThumbprint() {
        return settings.getCertificateThumbprint();
    }

    @DataBoundSetter
    public void setCertificateThumbprint(String certificateThumbprint) {
        settings.setCertificateThumbprint(certificateThumbprint);
    }

    public String getCaCertificate() {
        return settings.getCaCertificate();
    }

    @DataBoundSetter
    public void setCaCertificate(String caCertificate) {
        settings.setCaCertificate(caCertificate);
    }

    public boolean isSkipCertificateVerification() {
        return settings.isSkipCertificateVerification();
    }

    @DataBoundSetter
    public void setSkipCertificateVerification(boolean skipCertificateVerification) {
        settings.setSkipCertificateVerification(skipCertificateVerification);
    }

    public String getAuthMechanism() {
        return settings.getAuthMechanism();
    }

    @DataBoundSetter
    public void setAuthMechanism(String authMechanism) {
        settings.setAuthMechanism(authMechanism);
    }

    public String getSpn() {
        return settings.getSpn();
    }

    @DataBoundSetter
    public void setSpn(String spn) {
        settings.setSpn(spn);
    }

    public int getMinCredSSPVersion() {
        return settings.getMinCredSSPVersion();
    }

    @DataBoundSetter
    public void setMinCredSSPVersion(int minCredSSPVersion) {
        settings.setMinCredSSPVersion(minCredSSPVersion);
    }

    public int getTimeout() {
        return settings.getTimeout();
    }

    @DataBoundSetter
    public void setTimeout(int timeout) {
        settings.setTimeout(timeout);
    }

    public String getWorkingDirectory() {
        return settings.getWorkingDirectory();
    }

    @DataBoundSetter
    public void setWorkingDirectory(String workingDirectory) {
        settings.setWorkingDirectory(workingDirectory);
    }

    public String getEnvironment() {
        return settings.getEnvironment();
    }

    @DataBoundSetter
    public void setEnvironment(String environment) {
        settings.setEnvironment(environment);
    }

    @Extension
    @Symbol("winrmCredSSPCommand")
    public static final class DescriptorImpl extends BuildStepDescriptor<Builder> {
        @Override
        @SuppressWarnings("rawtypes")
        public boolean isApplicable(Class<? extends AbstractProject> jobType) {
            return true;
        }

        @Override
        public String getDisplayName() {
            return Messages.WinRmBuilder_DisplayName();
        }
        public ListBoxModel doFillCredentialsIdItems(@AncestorInPath Item item, @QueryParameter String credentialsId,
                @QueryParameter String host) {
            return WinRmFormSupport.credentialsIdItems(item, credentialsId, host);
        }

        /** The form's Test Connection button: connects from the controller with the selected credentials. */
        @POST
        public FormValidation doTestConnection(@AncestorInPath Item item, @QueryParameter String host,
                @QueryParameter String credentialsId, @QueryParameter int port, @QueryParameter String transport,
                @QueryParameter String certificateThumbprint, @QueryParameter String caCertificate,
                @QueryParameter boolean skipCertificateVerification, @QueryParameter String authMechanism,
                @QueryParameter String spn, @QueryParameter int minCredSSPVersion) {
            WinRmCommandSettings settings = new WinRmCommandSettings(host, credentialsId);
            settings.setPort(port);
            settings.setTransport(transport);
            settings.setCertificateThumbprint(certificateThumbprint);
            settings.setCaCertificate(caCertificate);
            settings.setSkipCertificateVerification(skipCertificateVerification);
            settings.setAuthMechanism(authMechanism);
            settings.setSpn(spn);
            settings.setMinCredSSPVersion(minCredSSPVersion);
            return WinRmFormSupport.testConnection(item, settings, WinRmExecution.defaultOpener());
        }

        public ListBoxModel doFillTransportItems() {
            return WinRmFormSupport.transportItems();
        }

        public ListBoxModel doFillAuthMechanismItems() {
            return WinRmFormSupport.authMechanismItems();
        }

        public FormValidation doCheckHost(@QueryParameter String value) {
            return WinRmFormSupport.checkHost(value);
        }

        public FormValidation doCheckCertificateThumbprint(@QueryParameter String value) {
            return WinRmFormSupport.checkCertificateThumbprint(value);
        }

        public FormValidation doCheckSkipCertificateVerification(@QueryParameter boolean value) {
            return WinRmFormSupport.checkSkipCertificateVerification(value);
        }

        public FormValidation doCheckEnvironment(@QueryParameter String value) {
            return WinRmFormSupport.checkEnvironment(value);
        }
    }
}
