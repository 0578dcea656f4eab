/*
 * Jenkins API stand-in: mirrors org.jenkinsci.plugins.workflow.steps.StepExecution from org.jenkins-ci.plugins.workflow:workflow-step-api 724.v538c2362b_dfb_ (sources read at 710.v3e456cc85233, same API).
 * Signatures only as far as this plugin uses them (checked by scripts/stubcheck.sh); bodies do the minimum that
 * in-process unit tests need. Compiled into target/stand-in-classes, never shipped (docs/jenkins-build.md).
 */
package org.jenkinsci.plugins.workflow.steps;

import java.io.Serializable;

public abstract class StepExecution implements Serializable {
    private static final long serialVersionUID = 1L;

    private final StepContext context;

    protected StepExecution(StepContext context) {
        this.context = context;
    }

    @Deprecated
    protected StepExecution() {
        this.context = null;
    }

    public StepContext getContext() {
        if (context == null) {
            throw new IllegalStateException("you must either pass in a StepContext to the StepExecution constructor");
        }
        return context;
    }

    public abstract boolean start() throws Exception;

    public void stop(Throwable cause) throws Exception {
        getContext().onFailure(cause);
    }

    public void onResume() {
    }

    public boolean blocksRestart() {
        return false;
    }

    public String getStatus() {
        return null;
    }
}
