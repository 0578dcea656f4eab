package io.jenkins.plugins.winrmcredssp.protocol.transfer;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.winrmcredssp.protocol.wsman.WinRmShell;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Uploads and downloads through the POSIX agent against {@code LocalWinRmService}. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class FileTransferTest {
    @TempDir
    Path temp;
    private TransferService remote;

    @BeforeEach
    void start() throws Exception {
        remote = TransferService.start();
    }

    @AfterEach
    void stop() throws Exception {
        remote.close();
    }

    @Test
    void uploadsATree() throws Exception {
        Path local = Files.createDirectories(temp.resolve("local"));
        Files.writeString(Files.createDirectories(local.resolve("a/b")).resolve("c.txt"), "hello");
        Files.write(local.resolve("empty"), new byte[0]);
        Path dest = temp.resolve("dest");
        try (WinRmShell shell = remote.shell()) {
            TransferResult result = FileTransfer.upload(shell, UploadRequest.tree(local, dest.toString())
                    .platform(RemotePlatform.POSIX).build());
            assertThat(result.files()).extracting(FileResult::outcome).containsOnly(FileOutcome.COPIED);
        }
        assertThat(Files.readString(dest.resolve("a/b/c.txt"), StandardCharsets.UTF_8)).isEqualTo("hello");
        assertThat(dest.resolve("empty")).isEmptyFile();
    }
}
