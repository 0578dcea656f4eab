package io.jenkins.plugins.winrmcredssp.protocol.transfer;

/**
 * Progress of a transfer, called on the transferring thread as bytes go out (after each stdin Send), so a log can
 * print files, bytes and rate while a long transfer runs. Keep it quick; an exception thrown here aborts the
 * transfer.
 */
public interface TransferListener {
    /** Does nothing. */
    TransferListener NONE = new TransferListener() {
    };

    /**
     * The agent answered the manifest: this many files and bytes will actually travel (unchanged or existing files
     * excluded).
     */
    default void started(int filesToSend, long bytesToSend) {
    }

    /** Called after each chunk: {@code bytesSent} of {@code bytesTotal}, {@code filesDone} of {@code filesTotal}. */
    default void progress(int filesDone, int filesTotal, long bytesSent, long bytesTotal) {
    }

    /** An entry is finished (copied, skipped or created) at the destination. */
    default void fileDone(FileResult result) {
    }
}
