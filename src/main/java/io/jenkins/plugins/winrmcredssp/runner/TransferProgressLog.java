package io.jenkins.plugins.winrmcredssp.runner;

import io.jenkins.plugins.winrmcredssp.protocol.transfer.FileOutcome;
import io.jenkins.plugins.winrmcredssp.protocol.transfer.TransferListener;
import io.jenkins.plugins.winrmcredssp.protocol.transfer.TransferResult;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

/**
 * Build-log lines for an upload: what will travel once the remote side has compared, a progress line at most every
 * {@code interval} while bytes go out ({@code Copied 120/2000 files, 1.2 GB of 3.4 GB, 85 MB/s}, the rate measured
 * since the previous line), and a summary. Sizes and rates in decimal units (1 MB = 1,000,000 bytes).
 */
public final class TransferProgressLog implements TransferListener {
    /** How often a long transfer reports progress by default. */
    public static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(10);

    private final PrintStream log;
    private final Clock clock;
    private final Duration interval;
    private final int filesSelected;
    private Instant lastLine;
    private long bytesAtLastLine;

    /** @param filesSelected how many files the transfer was asked to copy, for the line on what will be sent */
    public TransferProgressLog(PrintStream log, Clock clock, Duration interval, int filesSelected) {
        this.log = log;
        this.clock = clock;
        this.interval = interval;
        this.filesSelected = filesSelected;
    }

    @Override
    public void started(int filesToSend, long bytesToSend) {
        lastLine = clock.instant();
        int skipped = filesSelected - filesToSend;
        log.println("Sending " + filesToSend + " of " + filesSelected + " files (" + bytes(bytesToSend) + ")"
                + (skipped > 0 ? "; " + skipped + " already at the destination" : ""));
    }

    @Override
    public void progress(int filesDone, int filesTotal, long bytesSent, long bytesTotal) {
        Instant now = clock.instant();
        if (lastLine == null) {
            lastLine = now;
        }
        Duration since = Duration.between(lastLine, now);
        if (since.compareTo(interval) < 0 || bytesSent == bytesTotal && filesDone == filesTotal) {
            return;
        }
        log.println("Copied " + filesDone + "/" + filesTotal + " files, " + bytes(bytesSent) + " of "
                + bytes(bytesTotal) + ", " + rate(bytesSent - bytesAtLastLine, since));
        lastLine = now;
        bytesAtLastLine = bytesSent;
    }

    /** The closing line: copied, skipped, bytes, time and average rate. */
    public static String summary(TransferResult result, String destination) {
        int copied = result.withOutcome(FileOutcome.COPIED).size();
        int unchanged = result.withOutcome(FileOutcome.SKIPPED_UNCHANGED).size();
        int existing = result.withOutcome(FileOutcome.SKIPPED_EXISTING).size();
        StringBuilder s = new StringBuilder("Copied ").append(copied).append(copied == 1 ? " file (" : " files (")
                .append(bytes(result.bytesSent())).append(") to ").append(destination)
                .append(" in ").append(String.format(Locale.ROOT, "%.1f s", result.elapsed().toMillis() / 1000.0))
                .append(", ").append(rate(result.bytesSent(), result.elapsed()));
        if (unchanged > 0) {
            s.append("; ").append(unchanged).append(" unchanged");
        }
        if (existing > 0) {
            s.append("; ").append(existing).append(" left as they were (overwrite: never)");
        }
        return s.toString();
    }

    static String bytes(long count) {
        if (count < 1000) {
            return count + " B";
        }
        String[] units = {"kB", "MB", "GB", "TB"};
        double value = count;
        int unit = -1;
        while (value >= 1000 && unit < units.length - 1) {
            value /= 1000;
            unit++;
        }
        return String.format(Locale.ROOT, "%.1f %s", value, units[unit]);
    }

    static String rate(long bytes, Duration elapsed) {
        long millis = elapsed.toMillis();
        return millis <= 0 ? "-" : bytes(bytes * 1000 / millis) + "/s";
    }
}
