package io.jenkins.plugins.winrmcredssp.runner;

import io.jenkins.plugins.winrmcredssp.WinRmConnectionOptions;
import io.jenkins.plugins.winrmcredssp.protocol.transfer.FileTransfer;
import io.jenkins.plugins.winrmcredssp.protocol.transfer.FileTransferException;
import io.jenkins.plugins.winrmcredssp.protocol.transfer.OverwritePolicy;
import io.jenkins.plugins.winrmcredssp.protocol.transfer.RemotePlatform;
import io.jenkins.plugins.winrmcredssp.protocol.transfer.TransferResult;
import io.jenkins.plugins.winrmcredssp.protocol.transfer.UploadRequest;
import io.jenkins.plugins.winrmcredssp.protocol.wsman.ShellOptions;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Copies local files to a Windows host (or through it to a UNC share) over WinRM with CredSSP: opens a session and a
 * shell, uploads with {@link FileTransfer} (one remote process, files verified by SHA-256 and renamed into place),
 * writes progress and a summary to the log, and deletes the shell. Shared by the copy step and the copy builder.
 *
 * <p>Cancellation: interrupting the calling thread stops the transfer, terminates the remote process and deletes the
 * shell; then {@link InterruptedIOException} is thrown. No file is ever left half-written under its final name.
 */
public final class WinRmCopyRunner {
    private final WinRmSessionOpener opener;
    private final Clock clock;
    private final Duration progressInterval;

    public WinRmCopyRunner(WinRmSessionOpener opener) {
        this(opener, Clock.systemUTC(), TransferProgressLog.DEFAULT_INTERVAL);
    }

    /** @param progressInterval the least time between two progress lines */
    public WinRmCopyRunner(WinRmSessionOpener opener, Clock clock, Duration progressInterval) {
        this.opener = Objects.requireNonNull(opener, "opener");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.progressInterval = Objects.requireNonNull(progressInterval, "progressInterval");
    }

    /** What to copy where. */
    public record Upload(Path root, List<String> files, String destination, OverwritePolicy overwrite,
            RemotePlatform platform) {
        public Upload {
            Objects.requireNonNull(root, "root");
            files = List.copyOf(files);
            Objects.requireNonNull(destination, "destination");
            Objects.requireNonNull(overwrite, "overwrite");
            Objects.requireNonNull(platform, "platform");
        }
    }

    /**
     * @param log connection, progress and summary lines
     * @return every file with its outcome, remote path, size and SHA-256
     * @throws InterruptedIOException the calling thread was interrupted; the transfer was stopped
     * @throws FileTransferException  the transfer failed: its stage, reason, remote path and the remote error text
     * @throws IOException            connecting or authenticating failed
     */
    public TransferResult upload(WinRmConnectionOptions options, String username, char[] password, Upload upload,
            PrintStream log) throws IOException {
        log.println(RemoteShells.connecting(options, username) + " to copy " + upload.files().size()
                + (upload.files().size() == 1 ? " file to " : " files to ") + upload.destination()
                + " (overwrite: " + upload.overwrite().name().toLowerCase(Locale.ROOT).replace('_', ' ') + ")");
        UploadRequest request = UploadRequest.builder(upload.root(), upload.files(), upload.destination())
                .overwrite(upload.overwrite())
                .platform(upload.platform())
                .listener(new TransferProgressLog(log, clock, progressInterval, upload.files().size()))
                .build();
        TransferResult result;
        try {
            result = RemoteShells.inShell(opener, options, username, password, ShellOptions.defaults(), log,
                    shell -> FileTransfer.upload(shell, request));
        } catch (FileTransferException e) {
            if (e.reason() != FileTransferException.Reason.ABORTED) {
                throw e;
            }
            InterruptedIOException interrupted = new InterruptedIOException(
                    "aborted: the transfer was stopped, the remote process terminated and its shell deleted");
            interrupted.initCause(e);
            throw interrupted;
        }
        log.println(TransferProgressLog.summary(result, upload.destination()));
        return result;
    }
}
