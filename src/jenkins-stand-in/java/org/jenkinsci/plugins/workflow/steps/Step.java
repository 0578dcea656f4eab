/*
 * Jenkins API stand-in: mirrors org.jenkinsci.plugins.workflow.steps.Step from org.jenkins-ci.plugins.workflow:workflow-step-api 724.v538c2362b_dfb_ (sources read at 710.v3e456cc85233, same API).
 * Signatures only as far as this plugin uses them (checked by scripts/stubcheck.sh); bodies do the minimum that
 * in-process unit tests need. Compiled into target/stand-in-classes, never shipped (docs/jenkins-build.md).
 */
package org.jenkinsci.plugins.workflow.steps;

import hudson.ExtensionPoint;
import hudson.model.AbstractDescribableImpl;
import jenkins.model.Jenkins;

public abstract class Step extends AbstractDescribableImpl<Step> implements ExtensionPoint {
    public Step() {
    }

    public abstract StepExecution start(StepContext context) throws Exception;

    @Override
    public StepDescriptor getDescriptor() {
        return (StepDescriptor) Jenkins.get().getDescriptorOrDie(getClass());
    }
}
