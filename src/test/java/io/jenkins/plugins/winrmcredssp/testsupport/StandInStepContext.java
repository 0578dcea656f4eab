package io.jenkins.plugins.winrmcredssp.testsupport;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.jenkinsci.plugins.workflow.steps.Step;

/**
 * A pipeline {@code StepContext} for unit tests against the stand-in: answers {@code get} from a map of context
 * objects (Run, TaskListener, Launcher...) and records the step's outcome in {@link #outcome}.
 */
public final class StandInStepContext extends org.jenkinsci.plugins.workflow.steps.StepContext {
    private static final long serialVersionUID = 1L;

    private final transient Map<Class<?>, Object> objects;
    public final transient CompletableFuture<Object> outcome = new CompletableFuture<>();

    public StandInStepContext(Map<Class<?>, Object> objects) {
        this.objects = Map.copyOf(objects);
    }

    /** Starts the step in this context and waits for its outcome: the result, or the step's failure rethrown. */
    public Object run(Step step, Duration timeout) throws Exception {
        step.start(this).start();
        try {
            return outcome.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw (Exception) e.getCause();
        }
    }

    @Override
    public <T> T get(Class<T> key) {
        return key.cast(objects.get(key));
    }

    @Override
    public void onSuccess(Object result) {
        outcome.complete(result);
    }

    @Override
    public void onFailure(Throwable t) {
        outcome.completeExceptionally(t);
    }

    @Override
    public boolean isReady() {
        return true;
    }

    @Override
    public boolean equals(Object o) {
        return o == this;
    }

    @Override
    public int hashCode() {
        return System.identityHashCode(this);
    }
}
