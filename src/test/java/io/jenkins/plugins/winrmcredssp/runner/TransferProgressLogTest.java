package io.jenkins.plugins.winrmcredssp.runner;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.winrmcredssp.protocol.transfer.FileOutcome;
import io.jenkins.plugins.winrmcredssp.protocol.transfer.FileResult;
import io.jenkins.plugins.winrmcredssp.protocol.transfer.TransferResult;
import io.jenkins.plugins.winrmcredssp.testsupport.MutableClock;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Progress lines at most once per interval with the rate since the previous line; the summary; decimal units. */
class TransferProgressLogTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final PrintStream log = new PrintStream(out, true, StandardCharsets.UTF_8);
    private final MutableClock clock = new MutableClock();

    private List<String> lines() {
        return out.toString(StandardCharsets.UTF_8).lines().toList();
    }

    @Test
    void reportsProgressAtMostOncePerIntervalWithTheRecentRate() {
        TransferProgressLog progress = new TransferProgressLog(log, clock, Duration.ofSeconds(10), 2000);
        progress.started(1800, 3_400_000_000L);
        clock.advance(Duration.ofSeconds(5));
        progress.progress(60, 1800, 400_000_000L, 3_400_000_000L);
        clock.advance(Duration.ofSeconds(5));
        progress.progress(120, 1800, 1_200_000_000L, 3_400_000_000L);
        clock.advance(Duration.ofSeconds(9));
        progress.progress(200, 1800, 1_900_000_000L, 3_400_000_000L);
        clock.advance(Duration.ofSeconds(1));
        progress.progress(210, 1800, 2_050_000_000L, 3_400_000_000L);
        clock.advance(Duration.ofSeconds(30));
        progress.progress(1800, 1800, 3_400_000_000L, 3_400_000_000L);

        assertThat(lines()).containsExactly(
                "Sending 1800 of 2000 files (3.4 GB); 200 already at the destination",
                "Copied 120/1800 files, 1.2 GB of 3.4 GB, 120.0 MB/s",
                "Copied 210/1800 files, 2.1 GB of 3.4 GB, 85.0 MB/s");
    }

    @Test
    void summaryCountsOutcomesBytesTimeAndRate() {
        TransferResult result = new TransferResult(List.of(
                new FileResult("a.dll", "C:\\app\\a.dll", FileOutcome.COPIED, 1_500_000, "aa"),
                new FileResult("b.dll", "C:\\app\\b.dll", FileOutcome.COPIED, 500_000, "bb"),
                new FileResult("c.txt", "C:\\app\\c.txt", FileOutcome.SKIPPED_UNCHANGED, 10, "cc"),
                new FileResult("d.txt", "C:\\app\\d.txt", FileOutcome.SKIPPED_EXISTING, 10, "dd")),
                2_000_000, Duration.ofMillis(4000));

        assertThat(TransferProgressLog.summary(result, "C:\\app")).isEqualTo("Copied 2 files (2.0 MB) to C:\\app in 4.0 s,"
                + " 500.0 kB/s; 1 unchanged; 1 left as they were (overwrite: never)");
    }

    @Test
    void formatsBytesInDecimalUnits() {
        assertThat(TransferProgressLog.bytes(0)).isEqualTo("0 B");
        assertThat(TransferProgressLog.bytes(999)).isEqualTo("999 B");
        assertThat(TransferProgressLog.bytes(1000)).isEqualTo("1.0 kB");
        assertThat(TransferProgressLog.bytes(200_000_000)).isEqualTo("200.0 MB");
        assertThat(TransferProgressLog.bytes(3_400_000_000_000L)).isEqualTo("3.4 TB");
        assertThat(TransferProgressLog.rate(1, Duration.ZERO)).isEqualTo("-");
    }
}
