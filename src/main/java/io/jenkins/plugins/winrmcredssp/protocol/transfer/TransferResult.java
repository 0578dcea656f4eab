package io.jenkins.plugins.winrmcredssp.protocol.transfer;

import java.time.Duration;
import java.util.List;

/**
 * The outcome of a whole transfer.
 *
 * @param files     every entry in manifest order
 * @param bytesSent file content bytes that travelled (skipped files count nothing)
 * @param elapsed   wall-clock time from starting the agent to its exit
 */
public record TransferResult(List<FileResult> files, long bytesSent, Duration elapsed) {
    public TransferResult {
        files = List.copyOf(files);
    }

    /** Entries with this outcome. */
    public List<FileResult> withOutcome(FileOutcome outcome) {
        return files.stream().filter(f -> f.outcome() == outcome).toList();
    }

    /** Content bytes per second over the whole transfer (0 when nothing was sent). */
    public double bytesPerSecond() {
        long nanos = elapsed.toNanos();
        return nanos <= 0 ? 0 : bytesSent * 1e9 / nanos;
    }
}
