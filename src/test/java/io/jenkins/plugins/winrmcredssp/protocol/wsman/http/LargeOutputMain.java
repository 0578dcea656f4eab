package io.jenkins.plugins.winrmcredssp.protocol.wsman.http;

import io.jenkins.plugins.winrmcredssp.protocol.auth.UserCredentials;
import io.jenkins.plugins.winrmcredssp.protocol.wsman.server.LocalWinRmService;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.time.Duration;
import java.util.List;

/**
 * Streams {@code args[0]} bytes of command output over encrypted HTTP (service and client in this JVM) and prints
 * {@code exit=<code> bytes=<count> wrong=<bytes that were not 'x'> stderr=<count>}. {@link LargeOutputTest} runs it in
 * a JVM with a small heap.
 */
public final class LargeOutputMain {
    private LargeOutputMain() {
    }

    public static void main(String[] args) throws Exception {
        long size = Long.parseLong(args[0]);
        long[] counts = new long[2];
        OutputStream counting = new OutputStream() {
            @Override
            public void write(int b) {
                write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] b, int off, int len) {
                counts[0] += len;
                for (int i = off; i < off + len; i++) {
                    counts[1] += b[i] == 'x' ? 0 : 1;
                }
            }
        };
        UserCredentials account = UserCredentials.parse("EXAMPLE\\alice", "Passw0rd!".toCharArray());
        UserCredentials user = UserCredentials.parse("EXAMPLE\\alice", "Passw0rd!".toCharArray());
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit;
        try (LocalWinRmService service = LocalWinRmService.builder().windowsAuthentication(account).start();
                WinRmCredSspClient client = WinRmCredSspClient.connect(WinRmConnection.builder(service.endpoint(), user)
                        .mechanism(AuthMechanism.NTLM).operationTimeout(Duration.ofSeconds(5)).build())) {
            exit = client.run("head -c " + size + " /dev/zero | tr '\\0' x", List.of(), counting, err);
        }
        System.out.println("exit=" + exit + " bytes=" + counts[0] + " wrong=" + counts[1] + " stderr=" + err.size()
                + " maxHeap=" + Runtime.getRuntime().maxMemory());
    }
}
