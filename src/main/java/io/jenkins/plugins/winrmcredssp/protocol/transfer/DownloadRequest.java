package io.jenkins.plugins.winrmcredssp.protocol.transfer;

import java.nio.file.Path;
import java.util.Objects;

/**
 * What {@link FileTransfer#download} fetches: one remote file to a local path (replaced atomically if it exists; its
 * directory must exist).
 *
 * @param remotePath the remote file, e.g. {@code C:\logs\app.log} or {@code \\files01\share\x.zip}
 * @param localFile  where to put it
 * @param platform   which agent runs remotely
 * @param listener   told of progress as bytes arrive
 */
public record DownloadRequest(String remotePath, Path localFile, RemotePlatform platform, TransferListener listener) {
    public DownloadRequest {
        Objects.requireNonNull(remotePath, "remotePath");
        Objects.requireNonNull(localFile, "localFile");
        Objects.requireNonNull(platform, "platform");
        Objects.requireNonNull(listener, "listener");
        if (remotePath.isBlank()) {
            throw new IllegalArgumentException("remotePath is empty");
        }
    }

    /** From a Windows host, without a listener. */
    public static DownloadRequest of(String remotePath, Path localFile) {
        return new DownloadRequest(remotePath, localFile, RemotePlatform.WINDOWS, TransferListener.NONE);
    }
}
