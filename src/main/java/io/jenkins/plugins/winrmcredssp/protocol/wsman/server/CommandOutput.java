package io.jenkins.plugins.winrmcredssp.protocol.wsman.server;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * The output of one command, in arrival order across stdout and stderr, held in a bounded buffer: a stream's pump
 * blocks once {@code perStreamLimit} bytes of it wait for a Receive, so a process that writes faster than the client
 * receives blocks on its pipe instead of filling the server's memory.
 */
final class CommandOutput {
    static final String STDOUT = "stdout";
    static final String STDERR = "stderr";
    private static final int READ_SIZE = 8192;

    record Chunk(String stream, byte[] data) {
    }

    private final int perStreamLimit;
    private final Deque<Chunk> chunks = new ArrayDeque<>();
    private int bufferedStdout;
    private int bufferedStderr;
    private boolean stdoutEnded;
    private boolean stderrEnded;
    private boolean closed;

    CommandOutput(int perStreamLimit) {
        this.perStreamLimit = perStreamLimit;
    }

    /** Copies one process stream into the buffer until EOF; run on a pump thread. */
    void pump(String stream, InputStream in) {
        byte[] buffer = new byte[READ_SIZE];
        try (in) {
            int n;
            while ((n = in.read(buffer)) > 0) {
                if (!offer(stream, Arrays.copyOf(buffer, n))) {
                    return;
                }
            }
        } catch (IOException e) {
            // the stream was closed under us: the command was terminated or the service is closing
        } finally {
            end(stream);
        }
    }

    private synchronized boolean offer(String stream, byte[] data) {
        try {
            while (!closed && buffered(stream) >= perStreamLimit) {
                wait();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
        if (closed) {
            return false;
        }
        chunks.addLast(new Chunk(stream, data));
        adjust(stream, data.length);
        notifyAll();
        return true;
    }

    private synchronized void end(String stream) {
        if (STDOUT.equals(stream)) {
            stdoutEnded = true;
        } else {
            stderrEnded = true;
        }
        notifyAll();
    }

    /** Wakes waiters so they re-check the process state (called when the process exits). */
    synchronized void signal() {
        notifyAll();
    }

    /** Discards buffered output and releases blocked pumps. */
    synchronized void close() {
        closed = true;
        chunks.clear();
        notifyAll();
    }

    synchronized boolean bothEnded() {
        return stdoutEnded && stderrEnded;
    }

    synchronized boolean isEmpty() {
        return chunks.isEmpty();
    }

    /**
     * Waits until output is buffered or {@code done} holds, at most until {@code deadlineNanos}.
     *
     * @return false on timeout
     */
    synchronized boolean await(long deadlineNanos, BooleanSupplier done) throws InterruptedException {
        while (chunks.isEmpty() && !done.getAsBoolean() && !closed) {
            long remaining = deadlineNanos - System.nanoTime();
            if (remaining <= 0) {
                return false;
            }
            long millis = Math.max(1, Math.min(remaining / 1_000_000, 200)); // re-check process exit periodically
            wait(millis);
        }
        return true;
    }

    /** Takes up to {@code maxBytes} of buffered output, merging consecutive chunks of the same stream. */
    synchronized List<Chunk> drain(int maxBytes) {
        List<Chunk> out = new ArrayList<>();
        int total = 0;
        while (!chunks.isEmpty() && total < maxBytes) {
            Chunk head = chunks.pollFirst();
            byte[] data = head.data();
            if (total + data.length > maxBytes) {
                int take = maxBytes - total;
                chunks.addFirst(new Chunk(head.stream(), Arrays.copyOfRange(data, take, data.length)));
                data = Arrays.copyOf(data, take);
            }
            adjust(head.stream(), -data.length);
            total += data.length;
            Chunk last = out.isEmpty() ? null : out.get(out.size() - 1);
            if (last != null && last.stream().equals(head.stream())) {
                byte[] merged = Arrays.copyOf(last.data(), last.data().length + data.length);
                System.arraycopy(data, 0, merged, last.data().length, data.length);
                out.set(out.size() - 1, new Chunk(head.stream(), merged));
            } else {
                out.add(new Chunk(head.stream(), data));
            }
        }
        notifyAll();
        return out;
    }

    private int buffered(String stream) {
        return STDOUT.equals(stream) ? bufferedStdout : bufferedStderr;
    }

    private void adjust(String stream, int delta) {
        if (STDOUT.equals(stream)) {
            bufferedStdout += delta;
        } else {
            bufferedStderr += delta;
        }
    }
}
