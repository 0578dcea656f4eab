package io.jenkins.plugins.winrmcredssp.protocol.transfer;

import io.jenkins.plugins.winrmcredssp.protocol.wsman.WinRmShell;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Uploads then downloads a file of {@code args[1]} bytes in {@code args[0]} (service, agent and client of this JVM)
 * and prints {@code upload=<ok|bad> download=<ok|bad> maxHeap=<bytes>}. {@link BoundedMemoryTest} runs it in a JVM
 * whose heap is smaller than the file.
 */
public final class BoundedMemoryMain {
    private BoundedMemoryMain() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        long size = Long.parseLong(args[1]);
        Path local = TestFiles.generate(dir.resolve("local/big.bin"), size, 11);
        String sha = TestFiles.sha256(local);
        Path dest = dir.resolve("dest");
        Path back = Files.createDirectories(dir.resolve("back")).resolve("big.bin");
        try (TransferService remote = TransferService.start(); WinRmShell shell = remote.shell()) {
            FileTransfer.upload(shell, UploadRequest.builder(local.getParent(), List.of("big.bin"), dest.toString())
                    .platform(RemotePlatform.POSIX).build());
            FileTransfer.download(shell, new DownloadRequest(dest.resolve("big.bin").toString(), back,
                    RemotePlatform.POSIX, TransferListener.NONE));
        }
        System.out.println("upload=" + (sha.equals(TestFiles.sha256(dest.resolve("big.bin"))) ? "ok" : "bad")
                + " download=" + (sha.equals(TestFiles.sha256(back)) ? "ok" : "bad")
                + " maxHeap=" + Runtime.getRuntime().maxMemory());
    }
}
