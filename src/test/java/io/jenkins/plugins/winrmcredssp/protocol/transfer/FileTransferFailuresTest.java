package io.jenkins.plugins.winrmcredssp.protocol.transfer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import io.jenkins.plugins.winrmcredssp.protocol.transfer.FileTransferException.Reason;
import io.jenkins.plugins.winrmcredssp.protocol.transfer.FileTransferException.Stage;
import io.jenkins.plugins.winrmcredssp.protocol.wsman.CommandAbortedException;
import io.jenkins.plugins.winrmcredssp.protocol.wsman.WinRmShell;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bad input and interruptions, end to end through the POSIX agent: typed errors, no file under its final name, no
 * temporary file where the agent could remove it, no agent process or shell left behind.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class FileTransferFailuresTest {
    private static final long BIG = 200L * 1024 * 1024;

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

    private FileTransferException uploadFails(UploadRequest.Builder request) throws Exception {
        try (WinRmShell shell = remote.shell()) {
            Throwable thrown = org.assertj.core.api.Assertions.catchThrowable(
                    () -> FileTransfer.upload(shell, request.platform(RemotePlatform.POSIX).build()));
            assertThat(thrown).isInstanceOf(FileTransferException.class);
            return (FileTransferException) thrown;
        }
    }

    private void assertNoAgentLeft() throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!remote.service.shells().liveProcesses().isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertThat(remote.service.shells().liveProcesses()).as("agent processes").isEmpty();
        assertThat(remote.service.shells().openShellIds()).as("open shells").isEmpty();
    }

    @Test
    void destinationTheOsRefusesIsPermissionDenied() throws Exception {
        // sysfs refuses new entries even to root (EPERM; EACCES for other users), so this holds whoever runs the
        // tests; a chmod 0500 directory would not stop root
        Files.writeString(local.resolve("f.txt"), "x");
        FileTransferException e = uploadFails(UploadRequest.builder(local, List.of("f.txt"), "/sys/winrm-transfer"));
        assertThat(e.reason()).isEqualTo(Reason.PERMISSION_DENIED);
        assertThat(e.stage()).isEqualTo(Stage.WRITE);
        assertThat(e.remotePath()).isEqualTo("/sys/winrm-transfer/f.txt");
        assertThat(e.remoteMessage()).isIn("Operation not permitted", "Permission denied");
        assertThat(e.getMessage()).contains("PERMISSION_DENIED", "/sys/winrm-transfer/f.txt", e.remoteMessage());
        assertNoAgentLeft();
    }

    @Test
    void destinationBelowARegularFileIsNotADirectory() throws Exception {
        Files.writeString(local.resolve("f.txt"), "x");
        Path file = Files.writeString(temp.resolve("plain-file"), "I am a file");
        FileTransferException e = uploadFails(UploadRequest.builder(local, List.of("f.txt"), file + "/sub"));
        assertThat(e.reason()).isEqualTo(Reason.NOT_A_DIRECTORY);
        assertThat(e.remoteMessage()).isEqualTo("Not a directory");
        assertNoAgentLeft();
    }

    @Test
    void pathLongerThanPathMaxIsPathTooLong() throws Exception {
        // the local name is short; the remote root pushes the whole path past PATH_MAX (4096 bytes on Linux)
        Files.writeString(local.resolve("f.txt"), "x");
        String deep = dest + ("/" + "d".repeat(250)).repeat(17);
        FileTransferException e = uploadFails(UploadRequest.builder(local, List.of("f.txt"), deep));
        assertThat(e.reason()).isEqualTo(Reason.PATH_TOO_LONG);
        assertThat(e.remoteMessage()).isEqualTo("File name too long");
        assertNoAgentLeft();
    }

    @Test
    void fullDiskIsDiskFullAndLeavesNoFile() throws Exception {
        Path small = Files.createDirectories(temp.resolve("small"));
        assumeThat(mount(small)).as("a 1 MiB tmpfs can be mounted (needs root)").isTrue();
        try {
            TestFiles.generate(local.resolve("a/too-big.bin"), 3 * 1024 * 1024, 5);
            FileTransferException e = uploadFails(UploadRequest.builder(local, List.of("a/too-big.bin"),
                    small.toString()).window(256 * 1024));
            assertThat(e.reason()).isEqualTo(Reason.DISK_FULL);
            assertThat(e.remotePath()).isEqualTo(small + "/a/too-big.bin");
            assertThat(e.remoteMessage()).isEqualTo("No space left on device");
            assertThat(small.resolve("a/too-big.bin")).doesNotExist();
            assertThat(TestFiles.tempFiles(small)).as("temporary file removed").isZero();
            assertNoAgentLeft();
        } finally {
            new ProcessBuilder("umount", small.toString()).inheritIO().start().waitFor(10, TimeUnit.SECONDS);
        }
    }

    private static boolean mount(Path dir) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", dir.toString())
                .redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        return p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0;
    }

    @Test
    void fileGrowingWhileReadIsSourceChangedAndNeverReachesItsFinalName() throws Exception {
        Path growing = TestFiles.generate(local.resolve("log.bin"), 1_000_000, 9);
        Files.writeString(local.resolve("next.txt"), "never sent");
        FileTransferException e = uploadFails(UploadRequest.builder(local, List.of("log.bin", "next.txt"),
                dest.toString()).listener(new TransferListener() {
                    @Override
                    public void progress(int filesDone, int filesTotal, long bytesSent, long bytesTotal) {
                        if (bytesSent < 200_000) {
                            append(growing, 300_000);
                        }
                    }
                }));
        assertThat(e.reason()).isEqualTo(Reason.SOURCE_CHANGED);
        assertThat(e.stage()).isEqualTo(Stage.READ_LOCAL);
        assertThat(e.remotePath()).isEqualTo(dest + "/log.bin");
        assertThat(dest.resolve("log.bin")).doesNotExist();
        assertThat(dest.resolve("next.txt")).doesNotExist();
        assertThat(TestFiles.tempFiles(dest)).isZero();
        assertNoAgentLeft();
    }

    @Test
    void fileRewrittenWithTheSameSizeIsCaughtByItsHashWithIfChanged() throws Exception {
        Path file = TestFiles.generate(local.resolve("same-size.bin"), 1_000_000, 9);
        FileTransferException e = uploadFails(UploadRequest.builder(local, List.of("same-size.bin"), dest.toString())
                .overwrite(OverwritePolicy.IF_CHANGED).listener(new TransferListener() {
                    @Override
                    public void started(int files, long bytes) {
                        try {
                            TestFiles.generate(file, 1_000_000, 10);
                        } catch (IOException ex) {
                            throw new java.io.UncheckedIOException(ex);
                        }
                    }
                }));
        assertThat(e.reason()).isEqualTo(Reason.SOURCE_CHANGED);
        assertThat(dest.resolve("same-size.bin")).doesNotExist();
        assertThat(TestFiles.tempFiles(dest)).isZero();
    }

    private static void append(Path file, int bytes) {
        try (OutputStream out = Files.newOutputStream(file, StandardOpenOption.APPEND)) {
            out.write(new byte[bytes]);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void interruptMidTransferStopsTheAgentWhichRemovesItsTemporaryFile() throws Exception {
        TestFiles.generate(local.resolve("big.bin"), BIG, 1);
        Thread self = Thread.currentThread();
        FileTransferException e;
        try {
            e = uploadFails(UploadRequest.builder(local, List.of("big.bin"), dest.toString())
                    .listener(new TransferListener() {
                        @Override
                        public void progress(int filesDone, int filesTotal, long bytesSent, long bytesTotal) {
                            if (bytesSent > 20_000_000) {
                                self.interrupt();
                            }
                        }
                    }));
            assertThat(Thread.currentThread().isInterrupted()).as("interrupt status kept").isTrue();
        } finally {
            Thread.interrupted();
        }
        assertThat(e.reason()).isEqualTo(Reason.ABORTED);
        assertThat(e.remotePath()).isEqualTo(dest + "/big.bin");
        assertThat(dest.resolve("big.bin")).doesNotExist();
        assertThat(TestFiles.tempFiles(dest)).as("the agent removed its temporary file").isZero();
        assertThat(remote.service.shells().deletedShellIds()).hasSize(1);
        assertNoAgentLeft();
    }

    @Test
    void cancelFromAnotherThreadTerminatesTheAgentAndDeletesTheShell() throws Exception {
        TestFiles.generate(local.resolve("big.bin"), BIG, 1);
        CountDownLatch midway = new CountDownLatch(1);
        WinRmShell shell = remote.shell();
        CompletableFuture<TransferResult> transfer = CompletableFuture.supplyAsync(() -> {
            try {
                return FileTransfer.upload(shell, UploadRequest.builder(local, List.of("big.bin"), dest.toString())
                        .platform(RemotePlatform.POSIX).listener(new TransferListener() {
                            @Override
                            public void progress(int filesDone, int filesTotal, long bytesSent, long bytesTotal) {
                                if (bytesSent > 20_000_000) {
                                    midway.countDown();
                                }
                            }
                        }).build());
            } catch (IOException ex) {
                throw new java.util.concurrent.CompletionException(ex);
            }
        });
        assertThat(midway.await(60, TimeUnit.SECONDS)).isTrue();
        shell.cancel();
        assertThatThrownBy(() -> transfer.get(30, TimeUnit.SECONDS)).cause()
                .isInstanceOfSatisfying(FileTransferException.class, e -> {
                    assertThat(e.reason()).isEqualTo(Reason.ABORTED);
                    assertThat(e).hasCauseInstanceOf(CommandAbortedException.class);
                });
        assertThat(shell.isOpen()).isFalse();
        assertThat(dest.resolve("big.bin")).doesNotExist();
        assertNoAgentLeft();
        // the agent was killed (SIGKILL on this service, TerminateProcess on Windows): its temporary file may stay
    }

    @Test
    void interruptedDownloadLeavesNoLocalFile() throws Exception {
        Path remoteFile = TestFiles.generate(temp.resolve("remote/big.bin"), 50_000_000, 4);
        Path target = Files.createDirectories(temp.resolve("down")).resolve("big.bin");
        Thread self = Thread.currentThread();
        WinRmShell shell = remote.shell();
        try {
            assertThatThrownBy(() -> FileTransfer.download(shell, new DownloadRequest(remoteFile.toString(), target,
                    RemotePlatform.POSIX, new TransferListener() {
                        @Override
                        public void progress(int filesDone, int filesTotal, long bytesSent, long bytesTotal) {
                            if (bytesSent > 5_000_000) {
                                self.interrupt();
                            }
                        }
                    }))).isInstanceOfSatisfying(FileTransferException.class,
                            e -> assertThat(e.reason()).isEqualTo(Reason.ABORTED));
        } finally {
            Thread.interrupted();
        }
        assertThat(target.getParent()).as("neither the file nor its temporary").isEmptyDirectory();
        assertThat(shell.isOpen()).isFalse();
        assertNoAgentLeft();
    }

    @Test
    void aListenerThatThrowsStopsTheTransferCleanly() throws Exception {
        TestFiles.generate(local.resolve("f.bin"), 5_000_000, 2);
        try (WinRmShell shell = remote.shell()) {
            assertThatThrownBy(() -> FileTransfer.upload(shell, UploadRequest.builder(local, List.of("f.bin"),
                    dest.toString()).platform(RemotePlatform.POSIX).listener(new TransferListener() {
                        @Override
                        public void progress(int filesDone, int filesTotal, long bytesSent, long bytesTotal) {
                            if (bytesSent > 1_000_000) {
                                throw new IllegalStateException("log closed");
                            }
                        }
                    }).build())).isInstanceOf(IllegalStateException.class).hasMessage("log closed");
            assertThat(shell.isOpen()).as("the caller's shell stays usable").isTrue();
        }
        assertThat(dest.resolve("f.bin")).doesNotExist();
        assertThat(TestFiles.tempFiles(dest)).isZero();
        assertNoAgentLeft();
    }

    @Test
    void aFileDeletedBeforeItIsSentIsAReadLocalError() throws Exception {
        Path doomed = Files.writeString(local.resolve("doomed.txt"), "soon gone");
        FileTransferException e = uploadFails(UploadRequest.builder(local, List.of("doomed.txt"), dest.toString())
                .listener(new TransferListener() {
                    @Override
                    public void started(int files, long bytes) {
                        try {
                            Files.delete(doomed);
                        } catch (IOException ex) {
                            throw new java.io.UncheckedIOException(ex);
                        }
                    }
                }));
        assertThat(e.stage()).isEqualTo(Stage.READ_LOCAL);
        assertThat(e.reason()).isEqualTo(Reason.NOT_FOUND);
        assertThat(e.getMessage()).contains("cannot read local " + doomed);
        assertThat(dest.resolve("doomed.txt")).doesNotExist();
        assertThat(TestFiles.tempFiles(dest)).isZero();
        assertNoAgentLeft();
    }
}
