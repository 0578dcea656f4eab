/*
 * Jenkins API stand-in: mirrors hudson.Launcher from org.jenkins-ci.main:jenkins-core 2.541.3.
 * Signatures only as far as this plugin uses them (checked by scripts/stubcheck.sh); bodies do the minimum that
 * in-process unit tests need. Compiled into target/stand-in-classes, never shipped (docs/jenkins-build.md).
 */
package hudson;

import hudson.model.TaskListener;
import hudson.remoting.Callable;
import hudson.remoting.VirtualChannel;
import java.io.IOException;

/** Process launching is not part of the stand-in: the plugin only hands callables to {@link #getChannel()}. */
public abstract class Launcher {
    protected final TaskListener listener;
    protected final VirtualChannel channel;

    protected Launcher(TaskListener listener, VirtualChannel channel) {
        this.listener = listener;
        this.channel = channel;
    }

    protected Launcher(Launcher launcher) {
        this(launcher.listener, launcher.channel);
    }

    public VirtualChannel getChannel() {
        return channel;
    }

    public TaskListener getListener() {
        return listener;
    }

    public static class LocalLauncher extends Launcher {
        public LocalLauncher(TaskListener listener) {
            this(listener, new InProcessChannel());
        }

        public LocalLauncher(TaskListener listener, VirtualChannel channel) {
            super(listener, channel);
        }
    }

    /** Stand-in for remoting's LocalChannel: runs the callable in this thread. */
    private static final class InProcessChannel implements VirtualChannel {
        @Override
        public <V, T extends Throwable> V call(Callable<V, T> callable) throws IOException, T, InterruptedException {
            return callable.call();
        }
    }
}
