package io.jenkins.plugins.winrmcredssp;

import hudson.model.TaskListener;
import hudson.util.Secret;
import io.jenkins.plugins.winrmcredssp.runner.RemoteScript;
import io.jenkins.plugins.winrmcredssp.runner.SecretMaskingOutputStream;
import io.jenkins.plugins.winrmcredssp.runner.WinRmCommandRunner;
import io.jenkins.plugins.winrmcredssp.runner.WinRmSessionOpener;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;
import jenkins.security.MasterToSlaveCallable;

/**
 * Runs the remote command on the agent that executes the build step (or in the controller's process for built-in
 * builds), so the connection to the Windows host starts where the job runs. The listener is remoted: output is written
 * to the build log live, with the password masked. Interrupting the call (an aborted build) terminates the remote
 * command and deletes its shell.
 */
public final class WinRmCommandCallable extends MasterToSlaveCallable<WinRmCommandResult, IOException> {
    private static final long serialVersionUID = 1L;

    private final WinRmConnectionOptions options;
    private final RemoteScript script;
    private final String username;
    private final Secret password;
    private final TaskListener listener;
    private final boolean captureStdout;
    private final WinRmSessionOpener opener;

    /**
     * @param captureStdout return stdout instead of writing it to the log (stderr is always logged)
     * @param opener        opens the WinRM session on the agent
     */
    public WinRmCommandCallable(WinRmConnectionOptions options, RemoteScript script, String username, Secret password,
            TaskListener listener, boolean captureStdout, WinRmSessionOpener opener) {
        this.options = Objects.requireNonNull(options, "options");
        this.script = Objects.requireNonNull(script, "script");
        this.username = Objects.requireNonNull(username, "username");
        this.password = Objects.requireNonNull(password, "password");
        this.listener = Objects.requireNonNull(listener, "listener");
        this.captureStdout = captureStdout;
        this.opener = Objects.requireNonNull(opener, "opener");
    }

    @Override
    public WinRmCommandResult call() throws IOException {
        char[] secret = password.getPlainText().toCharArray();
        try {
            PrintStream log = listener.getLogger();
            ByteArrayOutputStream captured = captureStdout ? new ByteArrayOutputStream() : null;
            OutputStream stdout = captured != null ? captured : log;
            int exitCode;
            // The header and progress lines go through the mask as well: a username may contain the password.
            try (SecretMaskingOutputStream maskedLog = new SecretMaskingOutputStream(log, secret, StandardCharsets.UTF_8);
                    PrintStream progress = new PrintStream(maskedLog, true, StandardCharsets.UTF_8)) {
                exitCode = new WinRmCommandRunner(opener).run(options, username, secret, script, progress, stdout, log);
            }
            return new WinRmCommandResult(exitCode, captured == null ? null : captured.toString(StandardCharsets.UTF_8));
        } finally {
            Arrays.fill(secret, '\0');
        }
    }

    /** Names target and account only. */
    @Override
    public String toString() {
        return "WinRmCommandCallable[" + options.endpoint() + " as " + username + ", " + script + "]";
    }
}
