package io.jenkins.plugins.winrmcredssp;

import com.cloudbees.plugins.credentials.common.StandardUsernamePasswordCredentials;
import hudson.AbortException;
import hudson.Launcher;
import hudson.model.Run;
import hudson.model.TaskListener;
import hudson.remoting.VirtualChannel;
import io.jenkins.plugins.winrmcredssp.runner.CommandTimedOutException;
import io.jenkins.plugins.winrmcredssp.runner.CredSspSessionOpener;
import io.jenkins.plugins.winrmcredssp.runner.RemoteScript;
import io.jenkins.plugins.winrmcredssp.runner.WinRmSessionOpener;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.SocketTimeoutException;

/**
 * The Jenkins side of one remote run, shared by the pipeline step and the freestyle builder: validates the settings,
 * resolves the credentials as the build, and runs {@link WinRmCommandCallable} on the build's agent.
 */
final class WinRmExecution {
    private WinRmExecution() {
    }

    /**
     * @return the exit code and, when {@code captureStdout}, the standard output
     * @throws AbortException       invalid settings, unknown credentials, offline agent, timeout (message for the log)
     * @throws InterruptedException the build was aborted; the remote command was terminated and its shell deleted
     * @throws IOException          connecting, authenticating or running failed
     */
    static WinRmCommandResult run(WinRmCommandSettings settings, Run<?, ?> run, Launcher launcher,
            TaskListener listener, boolean captureStdout, WinRmSessionOpener opener)
            throws IOException, InterruptedException {
        RemoteScript script;
        WinRmConnectionOptions options;
        try {
            script = settings.script();
            options = settings.toOptions();
        } catch (IllegalArgumentException e) {
            throw new AbortException(Messages.WinRmExecution_InvalidOptions(e.getMessage()));
        }
        StandardUsernamePasswordCredentials credentials =
                WinRmCredentials.resolve(run, settings.getCredentialsId(), settings.getHost());
        VirtualChannel channel = launcher.getChannel();
        if (channel == null) {
            throw new AbortException(Messages.WinRmExecution_NoChannel());
        }
        WinRmCommandCallable callable = new WinRmCommandCallable(options, script, credentials.getUsername(),
                credentials.getPassword(), listener, captureStdout, opener);
        try {
            return channel.call(callable);
        } catch (CommandTimedOutException e) {
            throw new AbortException(e.getMessage());
        } catch (SocketTimeoutException e) {
            throw e; // an InterruptedIOException, but a network timeout rather than an abort
        } catch (InterruptedIOException e) {
            InterruptedException interrupted = new InterruptedException(e.getMessage());
            interrupted.initCause(e);
            throw interrupted;
        }
    }

    /** The CredSSP HTTP transport. */
    static WinRmSessionOpener defaultOpener() {
        return new CredSspSessionOpener();
    }

    /** Fails the build step unless the exit code is 0. */
    static void requireSuccess(WinRmCommandSettings settings, int exitCode) throws AbortException {
        if (exitCode != 0) {
            throw new AbortException(Messages.WinRmExecution_ExitCode(settings.getHost(), exitCode));
        }
    }
}
