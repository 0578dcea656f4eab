package io.jenkins.plugins.winrmcredssp;

import hudson.Extension;
import hudson.FilePath;
import hudson.model.Run;
import hudson.model.TaskListener;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import io.jenkins.plugins.winrmcredssp.runner.WinRmSessionOpener;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.jenkinsci.Symbol;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.jenkinsci.plugins.workflow.steps.SynchronousNonBlockingStepExecution;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;

/**
 * {@code winrmCredSSPCopy}: copies workspace files selected by Ant patterns to a directory on a Windows host, or
 * through it to a UNC share that only the delegated credentials can reach, over WinRM with CredSSP, from the agent of
 * the enclosing {@code node} block. Returns one map per selected file ({@link DeployedFile#toMap()}). No matching file
 * fails the step unless {@code allowEmpty}; aborting the build stops the transfer and deletes the remote shell.
 */
public final class WinRmCopyStep extends WinRmConnectionStep {
    private final WinRmCopySettings settings;

    @DataBoundConstructor
    public WinRmCopyStep(String host, String credentialsId, String includes, String destination) {
        this.settings = new WinRmCopySettings(host, credentialsId, includes, destination);
    }

    /** Tests use another opener than the CredSSP transport. */
    WinRmCopyStep withOpener(WinRmSessionOpener value) {
        useOpener(value);
        return this;
    }

    @Override
    WinRmCopySettings connection() {
        return settings;
    }

    @Override
    public StepExecution start(StepContext context) throws Exception {
        settings.validate();
        return new Execution(context, this);
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

    /**
     * Runs on a pooled thread so the CPS VM thread is never blocked; {@code stop} interrupts it, which cancels the
     * agent call, stops the transfer and deletes the shell. Not resumable after a controller restart.
     */
    static final class Execution extends SynchronousNonBlockingStepExecution<List<Map<String, Object>>> {
        private static final long serialVersionUID = 1L;
        private final transient WinRmCopyStep step;

        Execution(StepContext context, WinRmCopyStep step) {
            super(context);
            this.step = step;
        }

        @Override
        protected List<Map<String, Object>> run() throws Exception {
            StepContext context = getContext();
            List<DeployedFile> files = WinRmExecution.copy(step.settings, UnaryOperator.identity(),
                    context.get(Run.class), context.get(FilePath.class), context.get(TaskListener.class),
                    step.opener());
            List<Map<String, Object>> result = new ArrayList<>(files.size());
            for (DeployedFile file : files) {
                result.add(file.toMap());
            }
            return result;
        }
    }

    @Extension
    @Symbol("winrmCredSSPCopy")
    public static final class DescriptorImpl extends WinRmStepDescriptor {
        public DescriptorImpl() {
            redirectConnectionHelp(WinRmStep.class);
        }

        @Override
        public Set<? extends Class<?>> getRequiredContext() {
            return Set.of(Run.class, TaskListener.class, FilePath.class);
        }

        @Override
        public String getFunctionName() {
            return "winrmCredSSPCopy";
        }

        @Override
        public String getDisplayName() {
            return Messages.WinRmCopyStep_DisplayName();
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
