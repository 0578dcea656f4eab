/*
 * Jenkins API stand-in: mirrors org.jenkinsci.plugins.workflow.steps.StepContext from org.jenkins-ci.plugins.workflow:workflow-step-api 724.v538c2362b_dfb_ (sources read at 710.v3e456cc85233, same API).
 * Signatures only as far as this plugin uses them (checked by scripts/stubcheck.sh); bodies do the minimum that
 * in-process unit tests need. Compiled into target/stand-in-classes, never shipped (docs/jenkins-build.md).
 */
package org.jenkinsci.plugins.workflow.steps;

import com.google.common.util.concurrent.FutureCallback;
import java.io.IOException;
import java.io.Serializable;

public abstract class StepContext implements FutureCallback<Object>, Serializable {
    private static final long serialVersionUID = 1L;

    public StepContext() {
    }

    public abstract <T> T get(Class<T> key) throws IOException, InterruptedException;

    @Override
    public abstract void onSuccess(Object result);

    public abstract boolean isReady();

    public boolean hasBody() {
        return false;
    }

    @Override
    public abstract boolean equals(Object o);

    @Override
    public abstract int hashCode();
}
