/*
 * Jenkins API stand-in: mirrors hudson.tasks.Builder from org.jenkins-ci.main:jenkins-core 2.541.3.
 * Signatures only as far as this plugin uses them (checked by scripts/stubcheck.sh); bodies do the minimum that
 * in-process unit tests need. Compiled into target/stand-in-classes, never shipped (docs/jenkins-build.md).
 */
package hudson.tasks;

import hudson.ExtensionPoint;
import hudson.model.Describable;
import hudson.model.Descriptor;
import jenkins.model.Jenkins;

public abstract class Builder extends BuildStepCompatibilityLayer implements Describable<Builder>, ExtensionPoint {
    public Builder() {
    }

    @Override
    @SuppressWarnings("unchecked")
    public Descriptor<Builder> getDescriptor() {
        return Jenkins.get().getDescriptorOrDie(getClass());
    }
}
