package io.jenkins.plugins.winrmcredssp.protocol.cli;

import io.jenkins.plugins.winrmcredssp.protocol.transfer.TransferListener;
import java.io.PrintStream;
import java.util.Locale;
import java.util.function.LongSupplier;

/** {@code --verbose} progress of an upload or download on stderr: one line at most every {@link #INTERVAL_NANOS}. */
final class ProgressPrinter implements TransferListener {
    static final long INTERVAL_NANOS = 2_000_000_000L;

    private final PrintStream out;
    private final LongSupplier nanoTime;
    private final long start;
    private long lastPrinted;

    ProgressPrinter(PrintStream out, LongSupplier nanoTime) {
        this.out = out;
        this.nanoTime = nanoTime;
        this.start = nanoTime.getAsLong();
        this.lastPrinted = start;
    }

    @Override
    public void started(int filesToSend, long bytesToSend) {
        out.println(FailureReport.PREFIX + String.format(Locale.ROOT, "%d files, %.1f MB to send", filesToSend,
                bytesToSend / 1e6));
    }

    @Override
    public void progress(int filesDone, int filesTotal, long bytesSent, long bytesTotal) {
        long now = nanoTime.getAsLong();
        if (now - lastPrinted < INTERVAL_NANOS) {
            return;
        }
        lastPrinted = now;
        double seconds = (now - start) / 1e9;
        out.println(FailureReport.PREFIX + String.format(Locale.ROOT, "%.1f of %.1f MB, %d of %d files, %.1f MB/s",
                bytesSent / 1e6, bytesTotal / 1e6, filesDone, filesTotal, bytesSent / 1e6 / seconds));
    }
}
