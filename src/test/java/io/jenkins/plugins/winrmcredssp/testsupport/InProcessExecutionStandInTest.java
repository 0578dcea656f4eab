package io.jenkins.plugins.winrmcredssp.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import hudson.FilePath;
import hudson.Launcher;
import hudson.console.LineTransformationOutputStream;
import hudson.model.TaskListener;
import hudson.remoting.VirtualChannel;
import hudson.util.Secret;
import hudson.util.StreamTaskListener;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import jenkins.MasterToSlaveFileCallable;
import jenkins.security.MasterToSlaveCallable;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.SynchronousNonBlockingStepExecution;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the plugin's runner will rely on from the Jenkins API stand-in when its tests run it in-process: agent
 * callables on a local workspace or launcher, build logs, line filtering, secrets and the pipeline step execution.
 */
class InProcessExecutionStandInTest {
    @TempDir
    Path workspace;

    /** An agent-side callable as the runner will write them: named, static, carrying the listener. */
    static final class Greet extends MasterToSlaveCallable<String, IOException> {
        private static final long serialVersionUID = 1L;
        private final TaskListener listener;
        private final Secret secret;

        Greet(TaskListener listener, Secret secret) {
            this.listener = listener;
            this.secret = secret;
        }

        @Override
        public String call() throws IOException {
            listener.getLogger().println("hello from " + Thread.currentThread().getName());
            return "got " + secret.getPlainText().length() + " chars";
        }
    }

    /** A workspace-side callable. */
    static final class WorkspaceName extends MasterToSlaveFileCallable<String> {
        private static final long serialVersionUID = 1L;

        @Override
        public String invoke(File f, VirtualChannel channel) {
            return f.getName();
        }
    }

    @Test
    void callablesRunInThisProcessOnALocalWorkspaceOrLauncher() throws Exception {
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        TaskListener listener = new StreamTaskListener(log, StandardCharsets.UTF_8);
        Greet callable = new Greet(listener, Secret.fromString("p4ss"));

        FilePath local = new FilePath(workspace.toFile());
        assertThat(local.isRemote()).isFalse();
        assertThat(local.act(callable)).isEqualTo("got 4 chars");
        assertThat(local.act(new WorkspaceName())).isEqualTo(workspace.getFileName().toString());
        assertThat(new Launcher.LocalLauncher(listener).getChannel().call(callable)).isEqualTo("got 4 chars");
        assertThat(log.toString(StandardCharsets.UTF_8)).contains("hello from " + Thread.currentThread().getName());
    }

    @Test
    void listenerErrorsAreMarkedAndLinesAreFilteredOneByOne() throws Exception {
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        StreamTaskListener listener = new StreamTaskListener(log, StandardCharsets.UTF_8);
        listener.error("it broke");
        assertThat(log.toString(StandardCharsets.UTF_8)).isEqualTo("ERROR: it broke" + System.lineSeparator());

        List<String> lines = new ArrayList<>();
        try (LineTransformationOutputStream filter = new LineTransformationOutputStream() {
            @Override
            protected void eol(byte[] b, int len) {
                lines.add(trimEOL(new String(b, 0, len, StandardCharsets.UTF_8)));
            }
        }) {
            filter.write("one\r\ntwo\nthree".getBytes(StandardCharsets.UTF_8));
        }
        assertThat(lines).containsExactly("one", "two", "three");
    }

    @Test
    void nonBlockingExecutionReportsResultFailureAndStop() throws Exception {
        RecordingContext ok = new RecordingContext();
        new Execution(ok, () -> "done").start();
        assertThat(ok.outcome.get(10, TimeUnit.SECONDS)).isEqualTo("done");

        RecordingContext failed = new RecordingContext();
        new Execution(failed, () -> {
            throw new IOException("no route to host");
        }).start();
        assertThat(failed.outcome).failsWithin(10, TimeUnit.SECONDS)
                .withThrowableOfType(ExecutionException.class).withMessageContaining("no route to host");

        RecordingContext stopped = new RecordingContext();
        CountDownLatch running = new CountDownLatch(1);
        CompletableFuture<Boolean> interrupted = new CompletableFuture<>();
        Execution blocking = new Execution(stopped, () -> {
            running.countDown();
            try {
                Thread.sleep(60_000);
                interrupted.complete(false);
                return "late";
            } catch (InterruptedException e) {
                interrupted.complete(true);
                throw e;
            }
        });
        blocking.start();
        assertThat(running.await(10, TimeUnit.SECONDS)).isTrue();
        blocking.stop(new InterruptedException("aborted by user"));
        assertThat(interrupted.get(10, TimeUnit.SECONDS)).isTrue();
        // as in Jenkins, the first completion wins: stop's cause or the interrupted body's exception
        assertThat(stopped.outcome).failsWithin(10, TimeUnit.SECONDS)
                .withThrowableOfType(ExecutionException.class)
                .havingCause().isInstanceOf(InterruptedException.class);
    }

    interface Body {
        Object run() throws Exception;
    }

    static final class Execution extends SynchronousNonBlockingStepExecution<Object> {
        private static final long serialVersionUID = 1L;
        private final transient Body body;

        Execution(StepContext context, Body body) {
            super(context);
            this.body = body;
        }

        @Override
        protected Object run() throws Exception {
            return body.run();
        }
    }

    static final class RecordingContext extends StepContext {
        private static final long serialVersionUID = 1L;
        final transient CompletableFuture<Object> outcome = new CompletableFuture<>();

        @Override
        public <T> T get(Class<T> key) {
            return null;
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
}
