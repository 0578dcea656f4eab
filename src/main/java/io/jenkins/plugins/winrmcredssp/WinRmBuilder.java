package io.jenkins.plugins.winrmcredssp;

import hudson.EnvVars;
import hudson.Extension;
import hudson.FilePath;
import hudson.Launcher;
import hudson.model.Run;
import hudson.model.TaskListener;
import hudson.util.FormValidation;
import io.jenkins.plugins.winrmcredssp.runner.WinRmSessionOpener;
import java.io.IOException;
import org.jenkinsci.Symbol;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;

/**
 * Freestyle build step (also {@code step([$class: ...])}/{@code winrmCredSSPCommand} in Pipeline) with the same options
 * and behaviour as the {@link WinRmStep} pipeline step, minus the return values: a non-zero exit code fails the build.
 */
public final class WinRmBuilder extends WinRmConnectionBuilder {
    private final WinRmCommandSettings settings;

    @DataBoundConstructor
    public WinRmBuilder(String host, String credentialsId) {
        this.settings = new WinRmCommandSettings(host, credentialsId);
    }

    /** Tests use another opener than the CredSSP transport. */
    WinRmBuilder withOpener(WinRmSessionOpener value) {
        useOpener(value);
        return this;
    }

    @Override
    WinRmCommandSettings connection() {
        return settings;
    }

    @Override
    public void perform(Run<?, ?> run, FilePath workspace, EnvVars env, Launcher launcher, TaskListener listener)
            throws InterruptedException, IOException {
        WinRmCommandResult result = WinRmExecution.run(settings, run, launcher, listener, false, opener());
        WinRmExecution.requireSuccess(settings, result.exitCode());
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

    @Extension
    @Symbol("winrmCredSSPCommand")
    public static final class DescriptorImpl extends WinRmBuilderDescriptor {
        @Override
        public String getDisplayName() {
            return Messages.WinRmBuilder_DisplayName();
        }

        public FormValidation doCheckEnvironment(@QueryParameter String value) {
            return WinRmFormSupport.checkEnvironment(value);
        }
    }
}
