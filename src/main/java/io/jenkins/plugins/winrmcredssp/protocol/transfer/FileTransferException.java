package io.jenkins.plugins.winrmcredssp.protocol.transfer;

import io.jenkins.plugins.winrmcredssp.protocol.ProtocolException;

/**
 * A file transfer failed. Says at which {@link Stage}, for which {@link Reason}, on which remote path and with which
 * error text from the remote agent. Whatever the failure, no file is left half-written under its final name: each
 * file is written to a temporary name and renamed only once its size and SHA-256 are verified. Files completed
 * before the failure stay in place.
 */
public class FileTransferException extends ProtocolException {
    private static final long serialVersionUID = 1L;

    /** Where the transfer was when it failed. */
    public enum Stage {
        /** Reading or hashing the local source files (upload) or listing them. */
        READ_LOCAL,
        /** Starting the remote agent or exchanging the manifest. */
        MANIFEST,
        /** Streaming a file's bytes. */
        TRANSFER,
        /** Writing, verifying or renaming a file at the destination (remote on upload, local on download). */
        WRITE,
    }

    /** Why it failed; remote reasons come from the agent's error frame. */
    public enum Reason {
        /** The destination refused access (EACCES/EPERM, UnauthorizedAccessException). */
        PERMISSION_DENIED,
        /** A path component or the whole path is too long (ENAMETOOLONG, PathTooLongException). */
        PATH_TOO_LONG,
        /** No space left on the destination (ENOSPC/EDQUOT, ERROR_DISK_FULL). */
        DISK_FULL,
        /** A path component that must be a directory is a file, or the reverse (ENOTDIR/EISDIR). */
        NOT_A_DIRECTORY,
        /**
         * The destination file is open in another process that does not share it (Windows ERROR_SHARING_VIOLATION or
         * ERROR_LOCK_VIOLATION, e.g. a running program being replaced; ETXTBSY/EBUSY on POSIX): stop it first.
         */
        FILE_IN_USE,
        /** The file to download does not exist. */
        NOT_FOUND,
        /** A local source file changed (size or content) while it was being read. */
        SOURCE_CHANGED,
        /** Bytes arrived but their size or SHA-256 did not match what was sent. */
        VERIFICATION_FAILED,
        /** A relative path is absolute, contains {@code ..}, or a character the protocol does not carry. */
        INVALID_PATH,
        /** The agent's output broke the framing, or the agent exited without finishing. */
        PROTOCOL,
        /** Cancelled or interrupted; the agent was stopped and the shell deleted. */
        ABORTED,
        /** Any other I/O error (the remote text says which). */
        IO_ERROR;

        static Reason fromAgent(String code) {
            for (Reason r : values()) {
                if (r.name().equals(code)) {
                    return r;
                }
            }
            return IO_ERROR;
        }
    }

    private final Stage stage;
    private final Reason reason;
    private final String remotePath;
    private final String remoteMessage;

    public FileTransferException(Stage stage, Reason reason, String remotePath, String remoteMessage, String message) {
        super(message(stage, reason, remotePath, remoteMessage, message));
        this.stage = stage;
        this.reason = reason;
        this.remotePath = remotePath;
        this.remoteMessage = remoteMessage;
    }

    public FileTransferException(Stage stage, Reason reason, String remotePath, String message, Throwable cause) {
        this(stage, reason, remotePath, null, message);
        initCause(cause);
    }

    private static String message(Stage stage, Reason reason, String remotePath, String remoteMessage, String message) {
        StringBuilder text = new StringBuilder("file transfer failed (").append(stage).append(", ").append(reason)
                .append(")");
        if (remotePath != null) {
            text.append(" at ").append(remotePath);
        }
        text.append(": ").append(message);
        if (remoteMessage != null && !remoteMessage.isBlank()) {
            text.append(" [remote: ").append(remoteMessage.strip()).append("]");
        }
        return text.toString();
    }

    public Stage stage() {
        return stage;
    }

    public Reason reason() {
        return reason;
    }

    /** The remote file or directory concerned; {@code null} when the failure concerns no single path. */
    public String remotePath() {
        return remotePath;
    }

    /** The agent's own error text (OS error message); {@code null} for client-side failures. */
    public String remoteMessage() {
        return remoteMessage;
    }
}
