package io.jenkins.plugins.winrmcredssp;

import hudson.EnvVars;
import hudson.Extension;
import hudson.FilePath;
import hudson.Launcher;
import hudson.model.Run;
import hudson.model.TaskListener;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import io.jenkins.plugins.winrmcredssp.runner.WinRmSessionOpener;
import java.io.IOException;
import org.jenkinsci.Symbol;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;

/**
 * Freestyle build step (also {@code winrmCredSSPCopyFiles} in Pipeline) with the same options and behaviour as the
 * {@link WinRmCopyStep} pipeline step, minus the return value (the log has the summary). The build's environment
 * variables ({@code $BUILD_NUMBER}, {@code ${JOB_NAME}}) are replaced in includes, excludes, source directory and
 * destination.
 */
public final class WinRmCopyBuilder extends WinRmConnectionBuilder {
    private final WinRmCopySettings settings;

    @DataBoundConstructor
    public WinRmCopyBuilder(String host, String credentialsId, String includes, String destination) {
        this.settings = new WinRmCopySettings(host, credentialsId, includes, destination);
    }

    /** Tests use another opener than the CredSSP transport. */
    WinRmCopyBuilder withOpener(WinRmSessionOpener value) {
        useOpener(value);
        return this;
    }

    @Override
    WinRmCopySettings connection() {
        return settings;
    }

    @Override
    public void perform(Run<?, ?> run, FilePath workspace, EnvVars env, Launcher launcher, TaskListener listener)
            throws InterruptedException, IOException {
        WinRmExecution.copy(settings, env::expand, run, workspace, listener, opener());
    }

    public String getIncludes() {
        return settings.getIncludes();
    }

    public String getDestination() {
        return settings.getDestination();
    }

    public String getExcludes() {
        return settings.getExcludes();
    }

    @DataBoundSetter
    public void setExcludes(String excludes) {
        settings.setExcludes(excludes);
    }

    public String getSourceDirectory() {
        return settings.getSourceDirectory();
    }

    @DataBoundSetter
    public void setSourceDirectory(String sourceDirectory) {
        settings.setSourceDirectory(sourceDirectory);
    }

    public String getOverwrite() {
        return settings.getOverwrite();
    }

    @DataBoundSetter
    public void setOverwrite(String overwrite) {
        settings.setOverwrite(overwrite);
    }

    public boolean isAllowEmpty() {
        return settings.isAllowEmpty();
    }

    @DataBoundSetter
    public void setAllowEmpty(boolean allowEmpty) {
        settings.setAllowEmpty(allowEmpty);
    }

    @Extension
    @Symbol("winrmCredSSPCopyFiles")
    public static final class DescriptorImpl extends WinRmBuilderDescriptor {
        public DescriptorImpl() {
            redirectConnectionHelp(WinRmBuilder.class);
            for (String field : WinRmCopySettings.COPY_FIELDS) {
                addHelpFileRedirect(field, WinRmCopyStep.class, field);
            }
        }

        @Override
        public String getDisplayName() {
            return Messages.WinRmCopyBuilder_DisplayName();
        }

        public ListBoxModel doFillOverwriteItems() {
            return WinRmFormSupport.overwriteItems();
        }

        public FormValidation doCheckIncludes(@QueryParameter String value) {
            return WinRmFormSupport.checkIncludes(value);
        }

        public FormValidation doCheckDestination(@QueryParameter String value) {
            return WinRmFormSupport.checkDestination(value);
        }

        public FormValidation doCheckSourceDirectory(@QueryParameter String value) {
            return WinRmFormSupport.checkSourceDirectory(value);
        }
    }
}
