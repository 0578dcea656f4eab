package io.jenkins.plugins.winrmcredssp.protocol.wsman;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Instant;
import java.util.Objects;

/**
 * A command started by {@link WinRmShell#start(RemoteCommand)} whose stdin and output the caller drives one
 * operation at a time: {@link #send} is one [MS-WSMV] 3.1.4.12 Send, {@link #receive} one 3.1.4.14 Receive.
 *
 * <p>Failures behave as in {@link WinRmShell#run(RemoteCommand, java.io.InputStream, java.io.OutputStream,
 * java.io.OutputStream)}: on cancel, interrupt or timeout the command is terminated, the shell deleted and
 * {@link CommandAbortedException} thrown; on any other failure the command is terminated. Not thread-safe.
 */
public final class RunningCommand implements AutoCloseable {
    private final WinRmShell shell;
    private final String commandId;
    private final Instant deadline;
    private boolean done;
    private int exitCode;
    private boolean finished;

    RunningCommand(WinRmShell shell, String commandId, Instant deadline) {
        this.shell = shell;
        this.commandId = commandId;
        this.deadline = deadline;
    }

    public String commandId() {
        return commandId;
    }

    /**
     * Sends {@code length} bytes of stdin in one Send (keep it well inside the server's MaxEnvelopeSize once base64
     * encoded); {@code end} closes the command's stdin.
     */
    public void send(byte[] data, int offset, int length, boolean end) throws IOException {
        Objects.checkFromIndexSize(offset, length, data.length);
        ensureRunning();
        guard(() -> {
            shell.checkAbort(deadline);
            WsmanRequest send = shell.requests().send(shell.shellId(), commandId, data, offset, length, end);
            SoapResponse.checkNoFault(shell.transport().exchange(send.envelope()), send);
            return null;
        });
    }

    /**
     * One Receive: hands whatever output arrived to {@code sink}. The server holds the request until output is
     * available or its OperationTimeout passes (then nothing is received and this returns {@code false}).
     *
     * @return whether the command is done (its exit code is then {@link #exitCode()})
     */
    public boolean receive(ReceiveResponse.StreamSink sink) throws IOException {
        Objects.requireNonNull(sink, "sink");
        if (done) {
            return true;
        }
        ensureRunning();
        ReceiveResponse.CommandState state = guard(() -> {
            shell.checkAbort(deadline);
            WsmanRequest receive = shell.requests().receive(shell.shellId(), commandId);
            try {
                return ReceiveResponse.parse(shell.transport().exchange(receive.envelope()), receive, commandId, sink);
            } catch (WsmanFaultException e) {
                if (e.isOperationTimeout()) {
                    return ReceiveResponse.CommandState.RUNNING;
                }
                throw e;
            }
        });
        if (state.done()) {
            done = true;
            exitCode = state.exitCode();
        }
        return done;
    }

    public boolean isDone() {
        return done;
    }

    /** The exit code once {@link #receive} returned {@code true}. */
    public int exitCode() {
        if (!done) {
            throw new IllegalStateException("command " + commandId + " has not finished");
        }
        return exitCode;
    }

    /**
     * Terminates the command unless a failure already did; for a finished command this releases its slot in
     * MaxConcurrentCommandsPerShell ([MS-WSMV] 3.1.4.13). Does nothing the second time.
     */
    @Override
    public void close() throws IOException {
        if (finished || !shell.isOpen()) {
            finished = true;
            return;
        }
        finished = true;
        boolean interrupted = Thread.interrupted();
        try {
            shell.signal(commandId, SignalCode.TERMINATE);
        } catch (WsmanFaultException e) {
            // the server has already discarded the command
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void ensureRunning() {
        if (finished) {
            throw new IllegalStateException("command " + commandId + " was closed or failed");
        }
    }

    @FunctionalInterface
    private interface Operation<T> {
        T call() throws IOException;
    }

    private <T> T guard(Operation<T> operation) throws IOException {
        try {
            return operation.call();
        } catch (CommandAbortedException e) {
            finished = true;
            throw shell.abort(commandId, e);
        } catch (InterruptedIOException e) {
            finished = true;
            if (!Thread.currentThread().isInterrupted() && !shell.isCancelRequested()) {
                throw shell.terminateAfterFailure(commandId, e);
            }
            CommandAbortedException aborted = new CommandAbortedException(CommandAbortedException.Reason.CANCELLED,
                    "command cancelled while waiting for the server");
            aborted.initCause(e);
            throw shell.abort(commandId, aborted);
        } catch (IOException e) {
            finished = true;
            throw shell.terminateAfterFailure(commandId, e);
        } catch (RuntimeException e) {
            finished = true;
            throw shell.terminateAfterFailure(commandId, e);
        }
    }
}
