package io.jenkins.plugins.winrmcredssp.protocol.transfer;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** 100 MB up and back down through a 48 MB heap (client and service in one forked JVM): no file is held whole. */
class BoundedMemoryTest {
    private static final long SIZE = 100L * 1024 * 1024;

    @TempDir
    Path temp;

    @Test
    @Timeout(value = 300, unit = TimeUnit.SECONDS)
    void hundredMegabytesUpAndDownThroughA48MegabyteHeap() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process process = new ProcessBuilder(java, "-Xmx48m", "-cp", System.getProperty("java.class.path"),
                BoundedMemoryMain.class.getName(), temp.toString(), Long.toString(SIZE))
                .redirectErrorStream(true).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
        try {
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(process.waitFor(240, TimeUnit.SECONDS)).as("finished in time; output: %s", output).isTrue();
            assertThat(process.exitValue()).as(output).isZero();
            assertThat(output).contains("upload=ok download=ok maxHeap=");
            long maxHeap = Long.parseLong(output.replaceAll("(?s).*maxHeap=(\\d+).*", "$1"));
            assertThat(maxHeap).isLessThan(SIZE / 2);
        } finally {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
    }
}
