package io.jenkins.plugins.winrmcredssp;

import hudson.Extension;
import hudson.Launcher;
import hudson.model.Item;
import hudson.model.Run;
import hudson.model.TaskListener;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import io.jenkins.plugins.winrmcredssp.runner.WinRmSessionOpener;
import java.util.Set;
import org.jenkinsci.Symbol;
import org.jenkinsci.plugins.workflow.steps.Step;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepDescriptor;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.jenkinsci.plugins.workflow.steps.SynchronousNonBlockingStepExecution;
import org.kohsuke.stapler.AncestorInPath;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;

/**
 * {@code winrmCredSSP}: runs a cmd.exe command or a PowerShell script on a Windows host over WinRM with CredSSP, from
 * the agent of the enclosing {@code node} block. Like {@code bat}/{@code powershell}: a non-zero exit code fails the
 * step unless {@code returnStatus}; {@code returnStdout} returns standard output (standard error still goes to the
 * log). Aborting the build terminates the remote command and deletes its shell.
 */
public final class WinRmStep extends Step {
    private final WinRmCommandSettings settings;
    private boolean returnStdout;
    private boolean returnStatus;
    private transient WinRmSessionOpener opener;

    @DataBoundConstructor
    public WinRmStep(String host, String credentialsId) {
        this.settings = new WinRmCommandSettings(host, credentialsId);
    }

    /** Tests use another opener than the CredSSP transport. */
    WinRmStep withOpener(WinRmSessionOpener value) {
        this.opener = value;
        return this;
    }

    WinRmCommandSettings settings() {
        return settings;
    }

    @Override
    public StepExecution start(StepContext context) throws Exception {
        settings.script();
        if (returnStdout && returnStatus) {
            throw new IllegalArgumentException(Messages.WinRmStep_BothReturns());
        }
        return new Execution(context, this);
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

    public boolean isReturnStdout() {
        return returnStdout;
    }

    @DataBoundSetter
    public void setReturnStdout(boolean returnStdout) {
        this.returnStdout = returnStdout;
    }

    public boolean isReturnStatus() {
        return returnStatus;
    }

    @DataBoundSetter
    public void setReturnStatus(boolean returnStatus) {
        this.returnStatus = returnStatus;
    }

    /**
     * Runs on a pooled thread so the CPS VM thread is never blocked; {@code stop} interrupts it, which cancels the
     * agent call, terminates the remote command and deletes the shell. Not resumable after a controller restart.
     */
    static final class Execution extends SynchronousNonBlockingStepExecution<Object> {
        private static final long serialVersionUID = 1L;
        private final transient WinRmStep step;

        Execution(StepContext context, WinRmStep step) {
            super(context);
            this.step = step;
        }

        @Override
        protected Object run() throws Exception {
            StepContext context = getContext();
            WinRmCommandResult result = WinRmExecution.run(step.settings, context.get(Run.class),
                    context.get(Launcher.class), context.get(TaskListener.class), step.returnStdout,
                    step.opener != null ? step.opener : WinRmExecution.defaultOpener());
            if (step.returnStatus) {
                return result.exitCode();
            }
            WinRmExecution.requireSuccess(step.settings, result.exitCode());
            return step.returnStdout ? result.stdout() : null;
        }
    }

    @Extension
    @Symbol("winrmCredSSP")
    public static final class DescriptorImpl extends StepDescriptor {
        @Override
        public Set<? extends Class<?>> getRequiredContext() {
            return Set.of(Run.class, TaskListener.class, Launcher.class);
        }

        @Override
        public String getFunctionName() {
            return "winrmCredSSP";
        }

        @Override
        public String getDisplayName() {
            return Messages.WinRmStep_DisplayName();
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
