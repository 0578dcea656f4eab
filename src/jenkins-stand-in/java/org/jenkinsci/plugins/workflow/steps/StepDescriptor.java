/*
 * Jenkins API stand-in: mirrors org.jenkinsci.plugins.workflow.steps.StepDescriptor from org.jenkins-ci.plugins.workflow:workflow-step-api 724.v538c2362b_dfb_ (sources read at 710.v3e456cc85233, same API).
 * Signatures only as far as this plugin uses them (checked by scripts/stubcheck.sh); bodies do the minimum that
 * in-process unit tests need. Compiled into target/stand-in-classes, never shipped (docs/jenkins-build.md).
 */
package org.jenkinsci.plugins.workflow.steps;

import hudson.model.Descriptor;
import java.util.Set;

public abstract class StepDescriptor extends Descriptor<Step> {
    public StepDescriptor() {
    }

    public abstract Set<? extends Class<?>> getRequiredContext();

    public abstract String getFunctionName();

    public Set<? extends Class<?>> getProvidedContext() {
        return Set.of();
    }

    public boolean takesImplicitBlockArgument() {
        return false;
    }

    public boolean isAdvanced() {
        return false;
    }
}
