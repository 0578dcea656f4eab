package io.jenkins.plugins.winrmcredssp.protocol.wsman.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * 100 MB of output over encrypted HTTP streams through a 64 MB heap (client and service in one forked JVM): nothing
 * buffers a whole command's output.
 */
class LargeOutputTest {
    private static final long SIZE = 100L * 1024 * 1024;

    @Test
    @Timeout(value = 300, unit = TimeUnit.SECONDS)
    void hundredMegabytesOfOutputStreamThroughA64MegabyteHeap() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process process = new ProcessBuilder(java, "-Xmx64m", "-cp", System.getProperty("java.class.path"),
                LargeOutputMain.class.getName(), Long.toString(SIZE))
                .redirectErrorStream(true).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
        try {
            boolean finished = process.waitFor(240, TimeUnit.SECONDS);
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(finished).as("finished in time; output so far: %s", output).isTrue();
            assertThat(process.exitValue()).as(output).isZero();
            assertThat(output).contains("exit=0 bytes=" + SIZE + " wrong=0 stderr=0 maxHeap=");
            long maxHeap = Long.parseLong(output.replaceAll("(?s).*maxHeap=(\\d+).*", "$1"));
            assertThat(maxHeap).isLessThanOrEqualTo(64L * 1024 * 1024);
        } finally {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
    }
}
