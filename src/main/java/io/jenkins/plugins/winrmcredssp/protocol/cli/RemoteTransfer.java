package io.jenkins.plugins.winrmcredssp.protocol.cli;

import io.jenkins.plugins.winrmcredssp.protocol.transfer.DownloadRequest;
import io.jenkins.plugins.winrmcredssp.protocol.transfer.FileOutcome;
import io.jenkins.plugins.winrmcredssp.protocol.transfer.FileResult;
import io.jenkins.plugins.winrmcredssp.protocol.transfer.FileTransfer;
import io.jenkins.plugins.winrmcredssp.protocol.transfer.FileTransferException;
import io.jenkins.plugins.winrmcredssp.protocol.transfer.TransferListener;
import io.jenkins.plugins.winrmcredssp.protocol.transfer.TransferResult;
import io.jenkins.plugins.winrmcredssp.protocol.transfer.UploadRequest;
import io.jenkins.plugins.winrmcredssp.protocol.wsman.WinRmShell;
import io.jenkins.plugins.winrmcredssp.protocol.wsman.http.SessionInfo;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * One CLI {@code upload} / {@code download}: a fresh shell, one transfer. Prints one line per file on stdout
 * ({@code OUTCOME size sha256 remote-path}, tab-separated) and a summary on stderr.
 */
final class RemoteTransfer {
    private RemoteTransfer() {
    }

    /** @return 0; failures are thrown ({@link FileTransferException} names stage, reason and path) */
    static int run(TransferOptions transfer, CliOptions options, char[] password, OutputStream stdout,
            OutputStream stderr, Consumer<SessionInfo> session) throws IOException {
        return RemoteRun.inShell(options, password, session, shell -> {
            TransferListener listener = options.verbose()
                    ? new ProgressPrinter(new PrintStream(stderr, true, StandardCharsets.UTF_8), System::nanoTime)
                    : TransferListener.NONE;
            TransferResult result = withTimeout(options.timeout(), () -> transfer.upload()
                    ? upload(shell, transfer, listener) : download(shell, transfer, listener));
            report(result, transfer.upload(), stdout, stderr);
            return 0;
        });
    }

    @FunctionalInterface
    interface Transfer {
        TransferResult run() throws IOException;
    }

    /**
     * Runs the transfer with a limit: when it passes, the transferring thread is interrupted, which stops the agent
     * and deletes the shell ({@link FileTransferException.Reason#ABORTED}, reported as a timeout).
     */
    static TransferResult withTimeout(Duration timeout, Transfer transfer) throws IOException {
        if (timeout == null) {
            return transfer.run();
        }
        Thread worker = Thread.currentThread();
        AtomicBoolean fired = new AtomicBoolean();
        // the alarm interrupts only while the transfer runs: once finished is set under the lock, no interrupt can
        // land after the one below was cleared (and disturb closing the shell and the client)
        Object lock = new Object();
        AtomicBoolean finished = new AtomicBoolean();
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "winrm-credssp-transfer-timeout");
            t.setDaemon(true);
            return t;
        });
        ScheduledFuture<?> alarm = timer.schedule(() -> {
            synchronized (lock) {
                if (!finished.get()) {
                    fired.set(true);
                    worker.interrupt();
                }
            }
        }, timeout.toMillis(), TimeUnit.MILLISECONDS);
        try {
            return transfer.run();
        } catch (FileTransferException e) {
            if (fired.get() && e.reason() == FileTransferException.Reason.ABORTED) {
                FileTransferException timedOut = new FileTransferException(e.stage(), e.reason(), e.remotePath(),
                        "did not finish within the --timeout of " + timeout.toSeconds() + " s; stopped", e);
                throw timedOut;
            }
            throw e;
        } finally {
            synchronized (lock) {
                finished.set(true);
            }
            alarm.cancel(false);
            timer.shutdownNow();
            if (fired.get()) {
                Thread.interrupted();
            }
        }
    }

    private static TransferResult upload(WinRmShell shell, TransferOptions transfer, TransferListener listener)
            throws IOException {
        Path source = Path.of(transfer.source()).toAbsolutePath();
        UploadRequest.Builder request;
        if (Files.isDirectory(source)) {
            request = UploadRequest.tree(source, transfer.target());
        } else if (Files.isRegularFile(source)) {
            request = UploadRequest.builder(source.getParent(), List.of(source.getFileName().toString()),
                    transfer.target());
        } else {
            throw new FileTransferException(FileTransferException.Stage.READ_LOCAL,
                    FileTransferException.Reason.NOT_FOUND, null, null, "no local file or directory " + source);
        }
        return FileTransfer.upload(shell, request.overwrite(transfer.overwrite()).platform(transfer.platform())
                .listener(listener).build());
    }

    private static TransferResult download(WinRmShell shell, TransferOptions transfer, TransferListener listener)
            throws IOException {
        return FileTransfer.download(shell, new DownloadRequest(transfer.source(), Path.of(transfer.target()),
                transfer.platform(), listener));
    }

    static void report(TransferResult result, boolean upload, OutputStream stdout, OutputStream stderr) {
        PrintStream out = new PrintStream(stdout, true, StandardCharsets.UTF_8);
        for (FileResult file : result.files()) {
            out.println(file.outcome() + "\t" + file.size() + "\t" + (file.sha256().isEmpty() ? "-" : file.sha256())
                    + "\t" + file.remotePath());
        }
        out.flush();
        int copied = result.withOutcome(FileOutcome.COPIED).size();
        PrintStream err = new PrintStream(stderr, true, StandardCharsets.UTF_8);
        err.println(FailureReport.PREFIX + String.format(Locale.ROOT, "%s %d of %d entries, %d bytes in %.1f s (%.1f MB/s)",
                upload ? "uploaded" : "downloaded", copied, result.files().size(), result.bytesSent(),
                result.elapsed().toMillis() / 1000.0, result.bytesPerSecond() / 1e6));
        err.flush();
    }
}
