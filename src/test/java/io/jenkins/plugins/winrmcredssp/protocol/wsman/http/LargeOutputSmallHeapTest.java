package io.jenkins.plugins.winrmcredssp.protocol.wsman.http;

import static io.jenkins.plugins.winrmcredssp.protocol.wsman.http.WinRmCredSspClientTest.PASSWORD;
import static io.jenkins.plugins.winrmcredssp.protocol.wsman.http.WinRmCredSspClientTest.alice;
import static io.jenkins.plugins.winrmcredssp.protocol.wsman.http.WinRmCredSspClientTest.windows;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.jenkins.plugins.winrmcredssp.protocol.wsman.server.LocalWinRmService;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * 100 MB of output over encrypted HTTP streams through a 64 MB heap (client and service in the same JVM): nothing
 * buffers a whole command's output. Runs in the surefire execution {@code small-heap} ({@code -Xmx64m}).
 */
class LargeOutputSmallHeapTest {
    private static final long SIZE = 100L * 1024 * 1024;

    @Test
    @Timeout(value = 300, unit = TimeUnit.SECONDS)
    void hundredMegabytesOfOutputStreamThroughASmallHeap() throws Exception {
        assumeTrue(Runtime.getRuntime().maxMemory() <= 80L * 1024 * 1024, "runs in the -Xmx64m execution");
        long[] count = new long[1];
        long[] wrong = new long[1];
        OutputStream counting = new OutputStream() {
            @Override
            public void write(int b) {
                count[0]++;
                wrong[0] += b == 'x' ? 0 : 1;
            }

            @Override
            public void write(byte[] b, int off, int len) {
                count[0] += len;
                for (int i = off; i < off + len; i++) {
                    wrong[0] += b[i] == 'x' ? 0 : 1;
                }
            }
        };
        try (LocalWinRmService service = windows().start();
                WinRmCredSspClient client = WinRmCredSspClient.connect(WinRmConnection.builder(service.endpoint(),
                        alice(PASSWORD)).mechanism(AuthMechanism.NTLM).operationTimeout(Duration.ofSeconds(5)).build())) {
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            int exit = client.run("head -c " + SIZE + " /dev/zero | tr '\\0' x", List.of(), counting, err);
            assertThat(exit).isZero();
            assertThat(err.size()).isZero();
        }
        assertThat(count[0]).isEqualTo(SIZE);
        assertThat(wrong[0]).isZero();
    }
}
