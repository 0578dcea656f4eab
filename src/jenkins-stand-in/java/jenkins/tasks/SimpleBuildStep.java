/*
 * Jenkins API stand-in: mirrors jenkins.tasks.SimpleBuildStep from org.jenkins-ci.main:jenkins-core 2.541.3.
 * Signatures only as far as this plugin uses them (checked by scripts/stubcheck.sh); bodies do the minimum that
 * in-process unit tests need. Compiled into target/stand-in-classes, never shipped (docs/jenkins-build.md).
 */
package jenkins.tasks;

import hudson.EnvVars;
import hudson.FilePath;
import hudson.Launcher;
import hudson.model.Run;
import hudson.model.TaskListener;
import hudson.tasks.BuildStep;
import java.io.IOException;

public interface SimpleBuildStep extends BuildStep {
    default void perform(Run<?, ?> run, FilePath workspace, EnvVars env, Launcher launcher, TaskListener listener)
            throws InterruptedException, IOException {
        throw new AbstractMethodError("Unless a build step is marked as not requiring a workspace context, you must "
                + "implement the overload of the perform() method that takes both a workspace and a launcher.");
    }

    default boolean requiresWorkspace() {
        return true;
    }
}
