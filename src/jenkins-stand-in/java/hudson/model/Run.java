/*
 * Jenkins API stand-in: mirrors hudson.model.Run from org.jenkins-ci.main:jenkins-core 2.541.3.
 * Signatures only as far as this plugin uses them (checked by scripts/stubcheck.sh); bodies do the minimum that
 * in-process unit tests need. Compiled into target/stand-in-classes, never shipped (docs/jenkins-build.md).
 */
package hudson.model;

import hudson.security.ACL;
import hudson.security.AccessControlled;
import java.io.IOException;

/** Real: extends Actionable and implements many more interfaces. */
public abstract class Run<JobT extends Job<JobT, RunT>, RunT extends Run<JobT, RunT>> implements AccessControlled {
    private final transient JobT job;
    private final int buildNumber;

    protected Run(JobT job) throws IOException {
        this.job = job;
        this.buildNumber = job.assignBuildNumber();
    }

    public JobT getParent() {
        return job;
    }

    public int getNumber() {
        return buildNumber;
    }

    public String getId() {
        return Integer.toString(buildNumber);
    }

    public String getDisplayName() {
        return "#" + buildNumber;
    }

    public String getFullDisplayName() {
        return job.getFullDisplayName() + ' ' + getDisplayName();
    }

    public String getExternalizableId() {
        return job.getFullName() + '#' + buildNumber;
    }

    @Override
    public ACL getACL() {
        return job.getACL();
    }

    @Override
    public String toString() {
        return job.getFullName() + " #" + buildNumber;
    }
}
