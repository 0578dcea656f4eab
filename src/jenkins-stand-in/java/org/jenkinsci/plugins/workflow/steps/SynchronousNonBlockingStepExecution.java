/*
 * Jenkins API stand-in: mirrors org.jenkinsci.plugins.workflow.steps.SynchronousNonBlockingStepExecution from org.jenkins-ci.plugins.workflow:workflow-step-api 724.v538c2362b_dfb_ (sources read at 710.v3e456cc85233, same API).
 * Signatures only as far as this plugin uses them (checked by scripts/stubcheck.sh); bodies do the minimum that
 * in-process unit tests need. Compiled into target/stand-in-classes, never shipped (docs/jenkins-build.md).
 */
package org.jenkinsci.plugins.workflow.steps;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/** As the real class: {@link #run()} on a pooled thread; {@link #stop} interrupts it. */
public abstract class SynchronousNonBlockingStepExecution<T> extends StepExecution {
    private static final long serialVersionUID = 1L;
    private static final ExecutorService EXECUTOR = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "SynchronousNonBlockingStepExecution (stand-in)");
        t.setDaemon(true);
        return t;
    });

    private transient volatile Future<?> task;
    private transient volatile String threadName;

    protected SynchronousNonBlockingStepExecution(StepContext context) {
        super(context);
    }

    protected abstract T run() throws Exception;

    @Override
    public final boolean start() throws Exception {
        task = EXECUTOR.submit(() -> {
            threadName = Thread.currentThread().getName();
            try {
                getContext().onSuccess(run());
            } catch (Throwable t) {
                getContext().onFailure(t);
            } finally {
                threadName = null;
            }
        });
        return false;
    }

    @Override
    public void stop(Throwable cause) throws Exception {
        Future<?> running = task;
        if (running != null) {
            running.cancel(true);
        }
        super.stop(cause);
    }

    @Override
    public void onResume() {
        getContext().onFailure(new Exception("Resume after a restart not supported for non-blocking synchronous steps"));
    }

    @Override
    public boolean blocksRestart() {
        return threadName != null;
    }

    @Override
    public String getStatus() {
        String name = threadName;
        return name == null ? "not running" : "running in thread: " + name;
    }
}
