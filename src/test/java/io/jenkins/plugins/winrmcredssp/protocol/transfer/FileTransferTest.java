package io.jenkins.plugins.winrmcredssp.protocol.transfer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.winrmcredssp.protocol.transfer.FileTransferException.Reason;
import io.jenkins.plugins.winrmcredssp.protocol.wsman.WinRmShell;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Uploads and downloads through the POSIX agent against {@code LocalWinRmService}, end to end over CredSSP. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class FileTransferTest {
    @TempDir
    Path temp;
    private TransferService remote;
    private Path local;
    private Path dest;

    @BeforeEach
    void start() throws Exception {
        remote = TransferService.start();
        local = Files.createDirectories(temp.resolve("local"));
        dest = temp.resolve("dest");
    }

    @AfterEach
    void stop() throws Exception {
        remote.close();
    }

    private TransferResult upload(UploadRequest.Builder request) throws Exception {
        try (WinRmShell shell = remote.shell()) {
            return FileTransfer.upload(shell, request.platform(RemotePlatform.POSIX).build());
        }
    }

    private void tree() throws Exception {
        Files.writeString(Files.createDirectories(local.resolve("app/bin")).resolve("run.sh"), "#!/bin/sh\necho hi\n");
        Files.writeString(local.resolve("app/config with spaces.ini"), "a = 1\n");
        Files.writeString(Files.createDirectories(local.resolve("données/日本語")).resolve("ünïcødé ✓.txt"), "grüß\n");
        Files.write(local.resolve("app/empty.dat"), new byte[0]);
        Files.createDirectories(local.resolve("logs/empty dir"));
        TestFiles.generate(local.resolve("app/lib/blob.bin"), 3_000_000, 7);
    }

    @Test
    void uploadsNestedTreeWithEmptyFilesEmptyDirectoriesSpacesAndUnicode() throws Exception {
        tree();
        List<String> progress = new ArrayList<>();
        TransferResult result = upload(UploadRequest.tree(local, dest.toString()).listener(new TransferListener() {
            @Override
            public void started(int files, long bytes) {
                progress.add("started " + files + " " + bytes);
            }

            @Override
            public void progress(int filesDone, int filesTotal, long bytesSent, long bytesTotal) {
                progress.add(filesDone + "/" + filesTotal + " " + bytesSent + "/" + bytesTotal);
            }
        }));

        assertThat(result.files()).extracting(FileResult::relativePath).containsExactly("app/bin/run.sh",
                "app/config with spaces.ini", "app/empty.dat", "app/lib/blob.bin", "données/日本語/ünïcødé ✓.txt",
                "logs/empty dir");
        for (FileResult file : result.files()) {
            Path target = dest.resolve(file.relativePath());
            assertThat(file.remotePath()).isEqualTo(target.toString());
            if (file.outcome() == FileOutcome.DIRECTORY) {
                assertThat(target).isEmptyDirectory();
                continue;
            }
            assertThat(file.outcome()).isEqualTo(FileOutcome.COPIED);
            assertThat(file.sha256()).isEqualTo(TestFiles.sha256(target))
                    .isEqualTo(TestFiles.sha256(local.resolve(file.relativePath())));
            assertThat(file.size()).isEqualTo(Files.size(target));
        }
        assertThat(dest.resolve("app/empty.dat")).isEmptyFile();
        assertThat(result.bytesSent()).isEqualTo(3_000_000 + 18 + 6 + 7);
        assertThat(progress.get(0)).isEqualTo("started 5 3000031");
        assertThat(progress).as("called as chunks go out")
                .hasSizeGreaterThan(3_000_000 / UploadRequest.DEFAULT_CHUNK_SIZE).last().isEqualTo("5/5 3000031/3000031");
        assertThat(TestFiles.tempFiles(dest)).isZero();
        assertThat(remote.service.shells().openShellIds()).isEmpty();
        assertThat(remote.service.shells().commandLines()).hasSize(1);
    }

    @Test
    void secondRunWithIfChangedSkipsUnchangedFilesAndRecopiesModifiedOnes() throws Exception {
        tree();
        upload(UploadRequest.tree(local, dest.toString()).overwrite(OverwritePolicy.IF_CHANGED));
        Files.writeString(local.resolve("app/config with spaces.ini"), "a = 2\n");
        Files.writeString(dest.resolve("app/bin/run.sh"), "tampered");

        AtomicInteger started = new AtomicInteger(-1);
        TransferResult second = upload(UploadRequest.tree(local, dest.toString()).overwrite(OverwritePolicy.IF_CHANGED)
                .listener(new TransferListener() {
                    @Override
                    public void started(int files, long bytes) {
                        started.set(files);
                    }
                }));

        assertThat(started).hasValue(2);
        assertThat(second.withOutcome(FileOutcome.COPIED)).extracting(FileResult::relativePath)
                .containsExactly("app/bin/run.sh", "app/config with spaces.ini");
        assertThat(second.withOutcome(FileOutcome.SKIPPED_UNCHANGED)).extracting(FileResult::relativePath)
                .containsExactly("app/empty.dat", "app/lib/blob.bin", "données/日本語/ünïcødé ✓.txt");
        assertThat(second.bytesSent()).isEqualTo(18 + 6);
        assertThat(Files.readString(dest.resolve("app/config with spaces.ini"))).isEqualTo("a = 2\n");
        assertThat(Files.readString(dest.resolve("app/bin/run.sh"))).isEqualTo("#!/bin/sh\necho hi\n");
        for (FileResult file : second.withOutcome(FileOutcome.SKIPPED_UNCHANGED)) {
            assertThat(file.sha256()).isEqualTo(TestFiles.sha256(dest.resolve(file.relativePath())));
        }
    }

    @Test
    void neverLeavesExistingFilesAlone() throws Exception {
        Files.writeString(local.resolve("old.txt"), "new content");
        Files.writeString(local.resolve("new.txt"), "fresh");
        Files.writeString(Files.createDirectories(dest).resolve("old.txt"), "old content");

        TransferResult result = upload(UploadRequest.tree(local, dest.toString()).overwrite(OverwritePolicy.NEVER));

        assertThat(result.files()).extracting(FileResult::outcome)
                .containsExactly(FileOutcome.COPIED, FileOutcome.SKIPPED_EXISTING);
        assertThat(Files.readString(dest.resolve("old.txt"))).isEqualTo("old content");
        assertThat(Files.readString(dest.resolve("new.txt"))).isEqualTo("fresh");
    }

    @Test
    void alwaysReplacesAnExistingFileAtomically() throws Exception {
        Files.writeString(local.resolve("f.txt"), "second");
        Files.writeString(Files.createDirectories(dest).resolve("f.txt"), "first, longer content");
        upload(UploadRequest.builder(local, List.of("f.txt"), dest.toString()));
        assertThat(Files.readString(dest.resolve("f.txt"))).isEqualTo("second");
    }

    @Test
    void twoHundredMegabytesStreamThroughOneAgentAndVerify() throws Exception {
        Path big = TestFiles.generate(local.resolve("big.bin"), 200L * 1024 * 1024, 42);
        String sha = TestFiles.sha256(big);
        long start = System.nanoTime();
        TransferResult result = upload(UploadRequest.builder(local, List.of("big.bin"), dest.toString()));
        long millis = (System.nanoTime() - start) / 1_000_000;

        assertThat(result.files().get(0).sha256()).isEqualTo(sha);
        assertThat(TestFiles.sha256(dest.resolve("big.bin"))).isEqualTo(sha);
        assertThat(remote.service.shells().commandLines()).as("one agent process").hasSize(1);
        System.out.printf("200 MiB upload: %d ms, %.1f MB/s%n", millis, result.bytesPerSecond() / 1e6);
    }

    @Test
    void downloadsAFileVerifiedAndReplacesTheLocalOneAtomically() throws Exception {
        Path remoteFile = TestFiles.generate(temp.resolve("remote dir/日本 file.bin"), 1_500_000, 3);
        Path target = Files.createDirectories(temp.resolve("down")).resolve("copy.bin");
        Files.writeString(target, "old");
        List<Long> progress = new ArrayList<>();
        TransferResult result;
        try (WinRmShell shell = remote.shell()) {
            result = FileTransfer.download(shell, new DownloadRequest(remoteFile.toString(), target,
                    RemotePlatform.POSIX, new TransferListener() {
                        @Override
                        public void progress(int filesDone, int filesTotal, long bytesSent, long bytesTotal) {
                            progress.add(bytesSent);
                        }
                    }));
        }
        assertThat(TestFiles.sha256(target)).isEqualTo(TestFiles.sha256(remoteFile))
                .isEqualTo(result.files().get(0).sha256());
        assertThat(result.files().get(0).size()).isEqualTo(1_500_000);
        assertThat(progress).hasSizeGreaterThan(10).last().isEqualTo(1_500_000L);
        assertThat(TestFiles.tempFiles(target.getParent())).isZero();
    }

    @Test
    void downloadOfAMissingFileIsNotFoundAndLeavesNothing() throws Exception {
        Path target = Files.createDirectories(temp.resolve("down")).resolve("copy.bin");
        try (WinRmShell shell = remote.shell()) {
            assertThatThrownBy(() -> FileTransfer.download(shell, new DownloadRequest(temp + "/nope.bin", target,
                    RemotePlatform.POSIX, TransferListener.NONE)))
                    .isInstanceOfSatisfying(FileTransferException.class, e -> {
                        assertThat(e.reason()).isEqualTo(Reason.NOT_FOUND);
                        assertThat(e.remotePath()).isEqualTo(temp + "/nope.bin");
                        assertThat(e.remoteMessage()).contains("No such file");
                    });
        }
        assertThat(target.getParent()).isEmptyDirectory();
    }

    @Test
    void relativePathsThatEscapeTheRootAreRefusedBeforeAnythingStarts() throws Exception {
        for (String bad : List.of("../x", "/etc/passwd", "a//b", "a/./b", "a\\b", "c:x", "a\tb", "")) {
            assertThatThrownBy(() -> upload(UploadRequest.builder(local, List.of(bad), dest.toString())))
                    .as(bad).isInstanceOfSatisfying(FileTransferException.class,
                            e -> assertThat(e.reason()).isEqualTo(Reason.INVALID_PATH));
        }
        assertThatThrownBy(() -> upload(UploadRequest.builder(local, List.of(), dest + "\nF\t1\t-\tinjected")))
                .isInstanceOfSatisfying(FileTransferException.class,
                        e -> assertThat(e.reason()).isEqualTo(Reason.INVALID_PATH));
        assertThat(remote.service.shells().commandLines()).isEmpty();
    }

    @Test
    void emptyRequestStillRoundTrips() throws Exception {
        TransferResult result = upload(UploadRequest.builder(local, List.of(), dest.toString()));
        assertThat(result.files()).isEmpty();
    }
}
