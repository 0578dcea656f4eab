/*
 * Jenkins API stand-in: mirrors hudson.model.Job from org.jenkins-ci.main:jenkins-core 2.541.3.
 * Signatures only as far as this plugin uses them (checked by scripts/stubcheck.sh); bodies do the minimum that
 * in-process unit tests need. Compiled into target/stand-in-classes, never shipped (docs/jenkins-build.md).
 */
package hudson.model;

import hudson.security.ACL;
import io.jenkins.plugins.winrmcredssp.standin.StandInJenkins;
import java.io.IOException;

/** Real: extends AbstractItem, whose item members the stand-in declares here. */
public abstract class Job<JobT extends Job<JobT, RunT>, RunT extends Run<JobT, RunT>> implements Item {
    private final ItemGroup<? extends Item> parent;
    private final String name;
    private int nextBuildNumber = 1;

    protected Job(ItemGroup parent, String name) {
        this.parent = parent;
        this.name = name;
    }

    @Override
    public ItemGroup<? extends Item> getParent() {
        return parent;
    }

    @Override
    public String getName() {
        return name;
    }

    @Override
    public final String getFullName() {
        String n = parent == null ? "" : parent.getFullName();
        return n.isEmpty() ? name : n + '/' + name;
    }

    @Override
    public String getDisplayName() {
        return name;
    }

    @Override
    public final String getFullDisplayName() {
        String n = parent == null ? "" : parent.getFullDisplayName();
        return n.isEmpty() ? getDisplayName() : n + " \u00bb " + getDisplayName();
    }

    public synchronized int assignBuildNumber() throws IOException {
        return nextBuildNumber++;
    }

    @Override
    public ACL getACL() {
        return StandInJenkins.aclOf(this);
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "[" + getFullName() + "]";
    }
}
