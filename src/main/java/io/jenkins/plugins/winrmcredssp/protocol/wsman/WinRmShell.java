package io.jenkins.plugins.winrmcredssp.protocol.wsman;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.Charset;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One remote cmd shell ([MS-WSMV] 3.1.4): runs commands one after another, streaming their output as it arrives.
 * {@link #close()} always deletes the shell on the server.
 *
 * <p>Cancellation: interrupting the running thread, or calling {@link #cancel()} from another thread, stops the
 * command at the next Receive poll (a Receive blocks on the server for at most the operation timeout): the command
 * is signalled to terminate, the shell is deleted and {@link CommandAbortedException} is thrown. A command's own
 * {@link RemoteCommand#timeout()} works the same way.
 */
public final class WinRmShell implements AutoCloseable {
    /** Stdin bytes per Send: 64 KiB of base64, well inside any MaxEnvelopeSize. */
    static final int STDIN_CHUNK = 48 * 1024;

    private final WsmanTransport transport;
    private final WsmanRequestBuilder requests;
    private final Clock clock;
    private final String shellId;
    private final ShellOptions options;
    private volatile boolean cancelled;
    private boolean closed;

    WinRmShell(WsmanTransport transport, WsmanRequestBuilder requests, Clock clock, String shellId,
            ShellOptions options) {
        this.transport = transport;
        this.requests = requests;
        this.clock = clock;
        this.shellId = shellId;
        this.options = options;
    }

    public String shellId() {
        return shellId;
    }

    public ShellOptions options() {
        return options;
    }

    /** The charset of the shell's code page, in which output arrives (UTF-8 for 65001). */
    public Charset outputCharset() {
        if (options.codepage() == ShellOptions.CODEPAGE_UTF8) {
            return java.nio.charset.StandardCharsets.UTF_8;
        }
        try {
            return Charset.forName("cp" + options.codepage());
        } catch (IllegalArgumentException e) {
            return Charset.defaultCharset();
        }
    }

    /** Runs {@code command arguments...} through cmd.exe without stdin; returns its exit code. */
    public int run(String command, List<String> arguments, OutputStream stdout, OutputStream stderr)
            throws IOException {
        return run(new RemoteCommand(command, arguments, true, false, null), null, stdout, stderr);
    }

    /**
     * Runs a command to completion, writing its output to {@code stdout}/{@code stderr} (flushed after every Receive)
     * as it arrives.
     *
     * @param stdin sent to the command, then closed; {@code null} for none. Not closed by this method
     * @return the exit code
     * @throws WsmanFaultException     the server refused an operation (see {@link WsmanFaultException#needsNewShell()})
     * @throws CommandAbortedException cancelled or timed out; the shell is then closed
     */
    public int run(RemoteCommand command, InputStream stdin, OutputStream stdout, OutputStream stderr)
            throws IOException {
        Objects.requireNonNull(stdout, "stdout");
        Objects.requireNonNull(stderr, "stderr");
        ReceiveResponse.StreamSink sink = (stream, data) -> {
            if ("stdout".equals(stream)) {
                stdout.write(data);
            } else if ("stderr".equals(stream)) {
                stderr.write(data);
            }
        };
        try (RunningCommand running = start(command)) {
            if (stdin != null) {
                sendStdin(running, stdin);
            }
            boolean done;
            do {
                done = running.receive(sink);
                stdout.flush();
                stderr.flush();
            } while (!done);
            return running.exitCode();
        }
    }

    /**
     * Runs a PowerShell script ({@link PowerShellCommand}: any length) and decodes CLIXML on stderr into text.
     *
     * @return powershell.exe's exit code
     */
    public int runPowerShell(String script, OutputStream stdout, OutputStream stderr) throws IOException {
        return runPowerShell(PowerShellCommand.of(script), stdout, stderr);
    }

    /** Runs a prepared PowerShell command (e.g. {@link PowerShellCommand#viaStdin}), decoding CLIXML on stderr. */
    public int runPowerShell(PowerShellCommand powerShell, OutputStream stdout, OutputStream stderr)
            throws IOException {
        ClixmlDecodingOutputStream errors = new ClixmlDecodingOutputStream(stderr, outputCharset());
        int exitCode;
        try {
            exitCode = run(powerShell.command(), powerShell.stdinStream(), stdout, errors);
        } catch (IOException | RuntimeException e) {
            try {
                errors.finish();
            } catch (IOException | RuntimeException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
        errors.finish();
        return exitCode;
    }

    /**
     * Starts a command and returns at once, for callers that interleave stdin and output (e.g. a streaming protocol
     * with the remote program). The command's {@link RemoteCommand#timeout()} applies to each of its operations.
     * Close the {@link RunningCommand} (try-with-resources) to stop it if it is still running.
     */
    public RunningCommand start(RemoteCommand command) throws IOException {
        ensureOpen();
        Instant deadline = command.timeout() == null ? null : clock.instant().plus(command.timeout());
        WsmanRequest start = requests.command(shellId, command);
        String commandId = CommandResponse.commandId(transport.exchange(start.envelope()), start);
        return new RunningCommand(this, commandId, deadline);
    }

    /** Sends a signal (e.g. {@link SignalCode#CTRL_C}) to a command of this shell. */
    public void signal(String commandId, SignalCode code) throws IOException {
        WsmanRequest signal = requests.signal(shellId, commandId, code);
        SoapResponse.checkNoFault(transport.exchange(signal.envelope()), signal);
    }

    /** Asks the running command (if any) to stop at its next poll; safe from any thread. */
    public void cancel() {
        cancelled = true;
    }

    /** Whether {@link #cancel()} was called. */
    public boolean isCancelRequested() {
        return cancelled;
    }

    public boolean isOpen() {
        return !closed;
    }

    /**
     * Deletes the shell on the server ([MS-WSMV] 3.1.4.4); does nothing the second time. Works on an interrupted
     * thread too (the interrupt status is set aside during the exchange and restored).
     */
    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        boolean interrupted = Thread.interrupted();
        try {
            WsmanRequest delete = requests.deleteShell(shellId);
            SoapResponse.checkNoFault(transport.exchange(delete.envelope()), delete);
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("shell " + shellId + " is closed");
        }
    }

    WsmanTransport transport() {
        return transport;
    }

    WsmanRequestBuilder requests() {
        return requests;
    }

    void checkAbort(Instant deadline) throws CommandAbortedException {
        if (cancelled || Thread.currentThread().isInterrupted()) {
            throw new CommandAbortedException(CommandAbortedException.Reason.CANCELLED, "command cancelled");
        }
        if (deadline != null && !clock.instant().isBefore(deadline)) {
            throw new CommandAbortedException(CommandAbortedException.Reason.TIMED_OUT,
                    "command did not finish before its timeout");
        }
    }

    private static void sendStdin(RunningCommand running, InputStream stdin) throws IOException {
        byte[] chunk = stdin.readNBytes(STDIN_CHUNK);
        while (true) {
            byte[] next = chunk.length < STDIN_CHUNK ? new byte[0] : stdin.readNBytes(STDIN_CHUNK);
            boolean end = next.length == 0;
            running.send(chunk, 0, chunk.length, end);
            if (end) {
                return;
            }
            chunk = next;
        }
    }

    /** Cancel or timeout: terminate the command, delete the shell, keep the thread's interrupt status. */
    CommandAbortedException abort(String commandId, CommandAbortedException reason) {
        boolean interrupted = Thread.interrupted();
        try {
            signal(commandId, SignalCode.TERMINATE);
        } catch (IOException | RuntimeException e) {
            reason.addSuppressed(e);
        }
        try {
            close();
        } catch (IOException | RuntimeException e) {
            reason.addSuppressed(e);
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        return reason;
    }

    /** Any other failure mid-command: try not to leave the command running; the caller's close() deletes the shell. */
    <T extends Exception> T terminateAfterFailure(String commandId, T failure) {
        boolean interrupted = Thread.interrupted();
        try {
            signal(commandId, SignalCode.TERMINATE);
        } catch (IOException | RuntimeException e) {
            failure.addSuppressed(e);
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        return failure;
    }
}
