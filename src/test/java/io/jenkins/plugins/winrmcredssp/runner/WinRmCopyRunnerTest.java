package io.jenkins.plugins.winrmcredssp.runner;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.winrmcredssp.WinRmConnectionOptions;
import io.jenkins.plugins.winrmcredssp.protocol.auth.UserCredentials;
import io.jenkins.plugins.winrmcredssp.protocol.transfer.FileOutcome;
import io.jenkins.plugins.winrmcredssp.protocol.transfer.OverwritePolicy;
import io.jenkins.plugins.winrmcredssp.protocol.transfer.RemotePlatform;
import io.jenkins.plugins.winrmcredssp.protocol.transfer.TransferResult;
import io.jenkins.plugins.winrmcredssp.protocol.wsman.server.LocalWinRmService;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Jenkins-free copy runner against the local service (CredSSP over HTTP, POSIX agent): the log lines of a real
 * multi-chunk upload, progress included when the interval allows one per chunk.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class WinRmCopyRunnerTest {
    private static final String PASSWORD = "Runn3r-Passw0rd";

    @TempDir
    Path temp;

    private LocalWinRmService service;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final PrintStream log = new PrintStream(out, true, StandardCharsets.UTF_8);

    @BeforeEach
    void start() throws Exception {
        service = LocalWinRmService.builder()
                .windowsAuthentication(UserCredentials.parse("EXAMPLE\\alice", PASSWORD.toCharArray())).start();
    }

    @AfterEach
    void stop() {
        service.close();
    }

    @Test
    void logsConnectionProgressPerChunkAndSummary() throws Exception {
        Path root = Files.createDirectories(temp.resolve("out"));
        byte[] content = new byte[2_000_000];
        new Random(7).nextBytes(content);
        Files.write(root.resolve("app.zip"), content);
        Files.writeString(root.resolve("small.txt"), "small");
        Path destination = temp.resolve("dest");
        WinRmConnectionOptions options = WinRmConnectionOptions.builder("127.0.0.1").port(service.port())
                .transport(WinRmConnectionOptions.Transport.HTTP).build();

        TransferResult result = new WinRmCopyRunner(new CredSspSessionOpener(), Clock.systemUTC(), Duration.ZERO)
                .upload(options, "EXAMPLE\\alice", PASSWORD.toCharArray(), new WinRmCopyRunner.Upload(root,
                        List.of("app.zip", "small.txt"), destination.toString(), OverwritePolicy.ALWAYS,
                        RemotePlatform.POSIX), log);

        assertThat(result.withOutcome(FileOutcome.COPIED)).hasSize(2);
        assertThat(destination.resolve("app.zip")).hasBinaryContent(content);
        List<String> lines = out.toString(StandardCharsets.UTF_8).lines().toList();
        assertThat(lines.get(0)).startsWith("Connecting to " + options.endpoint() + " as EXAMPLE\\alice with CredSSP")
                .endsWith(" to copy 2 files to " + destination + " (overwrite: always)");
        assertThat(lines.get(1)).startsWith("Negotiated CredSSP v6");
        assertThat(lines.get(2)).isEqualTo("Sending 2 of 2 files (2.0 MB)");
        List<String> progress = lines.subList(3, lines.size() - 1);
        assertThat(progress).hasSizeGreaterThan(5)
                .allSatisfy(line -> assertThat(line).matches("Copied [0-2]/2 files, [0-9.]+ [kM]?B of 2\\.0 MB, .+"));
        assertThat(lines.get(lines.size() - 1)).startsWith("Copied 2 files (2.0 MB) to " + destination + " in ");
        assertThat(String.join("\n", lines)).doesNotContain(PASSWORD);
        assertThat(service.shells().openShellIds()).isEmpty();
    }
}
