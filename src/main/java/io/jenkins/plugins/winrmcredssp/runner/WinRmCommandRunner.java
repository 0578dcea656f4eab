package io.jenkins.plugins.winrmcredssp.runner;

import io.jenkins.plugins.winrmcredssp.WinRmConnectionOptions;
import io.jenkins.plugins.winrmcredssp.protocol.wsman.CommandAbortedException;
import io.jenkins.plugins.winrmcredssp.protocol.wsman.ShellOptions;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;

/**
 * Runs one command or script on a Windows host over WinRM with CredSSP: opens a session, a shell (UTF-8 code page,
 * the options' working directory and environment), runs the script streaming stdout and stderr as they arrive, and
 * deletes the shell. Shared by the pipeline step and the freestyle builder, so both behave the same.
 *
 * <p>Secrets: the password reaches only the session opener; every output stream is wrapped in a
 * {@link SecretMaskingOutputStream}, so a command that prints the password shows {@code ****} instead.
 *
 * <p>Cancellation: interrupting the calling thread terminates the remote command and deletes the shell (at the next
 * Receive poll), then {@link InterruptedIOException} is thrown. A timeout in the options does the same and throws
 * {@link CommandTimedOutException}.
 */
public final class WinRmCommandRunner {
    private final WinRmSessionOpener opener;

    public WinRmCommandRunner(WinRmSessionOpener opener) {
        this.opener = Objects.requireNonNull(opener, "opener");
    }

    /**
     * @param log    progress lines (where, as whom, what was negotiated, the exit code)
     * @param stdout the command's standard output (masked)
     * @param stderr the command's standard error (masked; PowerShell's CLIXML error records decoded to text)
     * @return the remote exit code
     * @throws InterruptedIOException   the calling thread was interrupted; the remote command was terminated
     * @throws CommandTimedOutException the options' timeout passed; the remote command was terminated
     * @throws IOException              connecting, authenticating or running failed
     */
    public int run(WinRmConnectionOptions options, String username, char[] password, RemoteScript script,
            PrintStream log, OutputStream stdout, OutputStream stderr) throws IOException {
        log.println(header(options, username, script));
        SecretMaskingOutputStream maskedOut = new SecretMaskingOutputStream(stdout, password, StandardCharsets.UTF_8);
        SecretMaskingOutputStream maskedErr = new SecretMaskingOutputStream(stderr, password, StandardCharsets.UTF_8);
        int exitCode;
        try {
            Duration timeout = options.timeout().orElse(null);
            exitCode = RemoteShells.inShell(opener, options, username, password, shellOptions(options), log,
                    shell -> script.kind() == RemoteScript.Kind.CMD
                            ? shell.run(script.command(timeout), null, maskedOut, maskedErr)
                            : shell.runPowerShell(script.powerShellCommand(timeout), maskedOut, maskedErr));
        } catch (CommandAbortedException e) {
            if (e.reason() == CommandAbortedException.Reason.TIMED_OUT) {
                throw new CommandTimedOutException(options.timeout().orElseThrow(), e);
            }
            InterruptedIOException interrupted = new InterruptedIOException(
                    "aborted: the remote command was terminated and its shell deleted");
            interrupted.initCause(e);
            throw interrupted;
        } finally {
            closeBoth(maskedOut, maskedErr);
        }
        log.println("Remote command exited with code " + exitCode);
        return exitCode;
    }

    /** One line naming endpoint, account, mechanism and how the server is authenticated; never a secret. */
    public static String header(WinRmConnectionOptions options, String username, RemoteScript script) {
        return RemoteShells.connecting(options, username) + " to run "
                + (script.kind() == RemoteScript.Kind.CMD ? "a cmd.exe command" : "a PowerShell script");
    }

    private static ShellOptions shellOptions(WinRmConnectionOptions options) {
        ShellOptions shell = ShellOptions.defaults().withEnvironment(options.environment());
        return options.workingDirectory().map(shell::withWorkingDirectory).orElse(shell);
    }

    private static void closeBoth(OutputStream a, OutputStream b) throws IOException {
        try {
            a.close();
        } finally {
            b.close();
        }
    }
}
