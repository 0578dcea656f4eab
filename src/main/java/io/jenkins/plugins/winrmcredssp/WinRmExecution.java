package io.jenkins.plugins.winrmcredssp;

import com.cloudbees.plugins.credentials.common.StandardUsernamePasswordCredentials;
import hudson.AbortException;
import hudson.FilePath;
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
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * The Jenkins side of one remote run or copy, shared by the pipeline steps and the freestyle builders: validates the
 * settings, resolves the credentials as the build, and runs {@link WinRmCommandCallable} on the build's agent or
 * {@link WinRmCopyCallable} where the workspace is.
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
        return onAgent(() -> channel.call(callable));
    }

    /**
     * Copies the selected workspace files on the agent that holds the workspace.
     *
     * @param variables applied to includes, excludes, source directory and destination (the builder's environment
     *                  variables; the pipeline step's strings are final, Groovy has interpolated them)
     * @return every selected file with what happened to it
     * @throws AbortException       invalid settings, unknown credentials, no source directory, no matching file
     *                              (unless allowed), offline agent, timeout (message for the log)
     * @throws InterruptedException the build was aborted; the transfer was stopped and its shell deleted
     * @throws IOException          connecting, authenticating or copying failed
     */
    static List<DeployedFile> copy(WinRmCopySettings settings, UnaryOperator<String> variables, Run<?, ?> run,
            FilePath workspace, TaskListener listener, WinRmSessionOpener opener)
            throws IOException, InterruptedException {
        WinRmConnectionOptions options;
        WinRmCopyCallable.Request request;
        String directory = settings.getSourceDirectory();
        try {
            settings.validate();
            options = settings.toOptions();
            request = WinRmCopyCallable.Request.of(settings, variables);
            directory = directory == null ? null : WinRmCopySettings.requireInsideWorkspace(variables.apply(directory));
        } catch (IllegalArgumentException e) {
            throw new AbortException(Messages.WinRmExecution_InvalidOptions(e.getMessage()));
        }
        StandardUsernamePasswordCredentials credentials =
                WinRmCredentials.resolve(run, settings.getCredentialsId(), settings.getHost());
        FilePath source = directory == null ? workspace : workspace.child(directory);
        WinRmCopyCallable callable = new WinRmCopyCallable(options, request, credentials.getUsername(),
                credentials.getPassword(), listener, opener);
        return onAgent(() -> source.act(callable));
    }

    /** A call to the agent. */
    @FunctionalInterface
    private interface AgentCall<T> {
        T call() throws IOException, InterruptedException;
    }

    /** Waits for the agent, turning a timeout into a build failure and an interrupted transfer into an abort. */
    private static <T> T onAgent(AgentCall<T> call) throws IOException, InterruptedException {
        try {
            return call.call();
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
