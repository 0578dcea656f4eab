package io.jenkins.plugins.winrmcredssp.protocol.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ProgressPrinterTest {
    @Test
    void printsAtMostOneLineEveryTwoSecondsWithTheRate() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        long[] now = {1_000_000_000L};
        ProgressPrinter printer = new ProgressPrinter(new PrintStream(out, true, StandardCharsets.UTF_8), () -> now[0]);
        printer.started(3, 30_000_000);
        now[0] += 1_000_000_000L;
        printer.progress(0, 3, 5_000_000, 30_000_000);
        now[0] += 1_000_000_000L;
        printer.progress(1, 3, 10_000_000, 30_000_000);
        now[0] += 1_500_000_000L;
        printer.progress(1, 3, 15_000_000, 30_000_000);
        now[0] += 1_000_000_000L;
        printer.progress(2, 3, 20_000_000, 30_000_000);
        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("""
                winrm-credssp: 3 files, 30.0 MB to send
                winrm-credssp: 10.0 of 30.0 MB, 1 of 3 files, 5.0 MB/s
                winrm-credssp: 20.0 of 30.0 MB, 2 of 3 files, 4.4 MB/s
                """);
    }
}
