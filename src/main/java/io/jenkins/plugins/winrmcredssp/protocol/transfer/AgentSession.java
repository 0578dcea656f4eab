package io.jenkins.plugins.winrmcredssp.protocol.transfer;

import io.jenkins.plugins.winrmcredssp.protocol.wsman.RunningCommand;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * The client's end of one agent process: frames go out through a buffer flushed as one Send per {@code chunkSize}
 * bytes; frames come back through a {@link FrameDecoder} fed by Receives; stderr is kept (its last 8 KiB) for error
 * messages.
 */
final class AgentSession {
    static final int MAX_AGENT_PAYLOAD = 16 << 20;
    private static final int STDERR_KEPT = 8192;

    private final RunningCommand command;
    private final byte[] buffer;
    private int fill;
    private boolean inputEnded;
    private final FrameDecoder decoder = new FrameDecoder(MAX_AGENT_PAYLOAD);
    private final ByteArrayOutputStream stderr = new ByteArrayOutputStream();
    private boolean outputEnded;

    AgentSession(RunningCommand command, int chunkSize) {
        this.command = command;
        this.buffer = new byte[chunkSize];
    }

    void write(byte[] data, int offset, int length) throws IOException {
        while (length > 0) {
            int n = Math.min(length, buffer.length - fill);
            System.arraycopy(data, offset, buffer, fill, n);
            fill += n;
            offset += n;
            length -= n;
            if (fill == buffer.length) {
                flush(false);
            }
        }
    }

    void frame(byte type, byte[] payload, int offset, int length) throws IOException {
        byte[] header = TransferFrame.header(type, length);
        write(header, 0, header.length);
        write(payload, offset, length);
    }

    void frame(byte type, String text) throws IOException {
        byte[] payload = text.getBytes(StandardCharsets.UTF_8);
        frame(type, payload, 0, payload.length);
    }

    /** Sends what is buffered; {@code end} also closes the agent's stdin. */
    void flush(boolean end) throws IOException {
        if (inputEnded || (fill == 0 && !end)) {
            return;
        }
        command.send(buffer, 0, fill, end);
        fill = 0;
        inputEnded = end;
    }

    /** The next frame from the agent, receiving as needed; a typed error if the agent exits first. */
    TransferFrame next() throws IOException {
        while (true) {
            TransferFrame frame = decoder.poll();
            if (frame != null) {
                return frame;
            }
            if (outputEnded) {
                throw exitedEarly();
            }
            receive();
        }
    }

    private void receive() throws IOException {
        boolean done = command.receive((stream, data) -> {
            if ("stdout".equals(stream)) {
                decoder.feed(data);
            } else if ("stderr".equals(stream)) {
                keepStderr(data);
            }
        });
        if (done) {
            outputEnded = true;
            decoder.finish();
        }
    }

    /** Receives until the agent exits, returning its exit code; frames received meanwhile stay for {@link #next()}. */
    int awaitExit() throws IOException {
        while (!outputEnded) {
            receive();
        }
        return command.exitCode();
    }

    private void keepStderr(byte[] data) {
        stderr.write(data, 0, data.length);
        if (stderr.size() > 2 * STDERR_KEPT) {
            byte[] all = stderr.toByteArray();
            stderr.reset();
            stderr.write(all, all.length - STDERR_KEPT, STDERR_KEPT);
        }
    }

    String stderrText() {
        byte[] all = stderr.toByteArray();
        int from = Math.max(0, all.length - STDERR_KEPT);
        return new String(all, from, all.length - from, StandardCharsets.UTF_8).strip();
    }

    private FileTransferException exitedEarly() {
        String exit = command.isDone() ? " with exit code " + command.exitCode() : "";
        String err = stderrText();
        return new FileTransferException(FileTransferException.Stage.TRANSFER, FileTransferException.Reason.PROTOCOL,
                null, err.isEmpty() ? null : err, "the agent exited" + exit + " before finishing the conversation");
    }
}
