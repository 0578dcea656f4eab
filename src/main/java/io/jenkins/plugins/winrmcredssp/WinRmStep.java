package io.jenkins.plugins.winrmcredssp;

import hudson.Extension;
import hudson.Launcher;
import hudson.model.Run;
import hudson.model.TaskListener;
import hudson.util.FormValidation;
import io.jenkins.plugins.winrmcredssp.runner.WinRmSessionOpener;
import java.util.Set;
import org.jenkinsci.Symbol;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.jenkinsci.plugins.workflow.steps.SynchronousNonBlockingStepExecution;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;

/**
 * {@code winrmCredSSP}: runs a cmd.exe command or a PowerShell script on a Windows host over WinRM with CredSSP, from
 * the agent of the enclosing {@code node} block. Like {@code bat}/{@code powershell}: a non-zero exit code fails the
 * step unless {@code returnStatus}; {@code returnStdout} returns standard output (standard error still goes to the
 * log). Aborting the build terminates the remote command and deletes its shell.
 */
public final class WinRmStep extends WinRmConnectionStep {
    private final WinRmCommandSettings settings;
    private boolean returnStdout;
    private boolean returnStatus;

    @DataBoundConstructor
    public WinRmStep(String host, String credentialsId) {
        this.settings = new WinRmCommandSettings(host, credentialsId);
    }

    /** Tests use another opener than the CredSSP transport. */
    WinRmStep withOpener(WinRmSessionOpener value) {
        useOpener(value);
        return this;
    }

    @Override
    WinRmCommandSettings connection() {
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
                    context.get(Launcher.class), context.get(TaskListener.class), step.returnStdout, step.opener());
            if (step.returnStatus) {
                return result.exitCode();
            }
            WinRmExecution.requireSuccess(step.settings, result.exitCode());
            return step.returnStdout ? result.stdout() : null;
        }
    }

    @Extension
    @Symbol("winrmCredSSP")
    public static final class DescriptorImpl extends WinRmStepDescriptor {
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

        public FormValidation doCheckEnvironment(@QueryParameter String value) {
            return WinRmFormSupport.checkEnvironment(value);
        }
    }
}
