package io.jenkins.plugins.winrmcredssp.protocol.transfer;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * What {@link FileTransfer#upload} copies: files (and directories, created even when empty) given as paths relative
 * to a local root, to the same relative paths under a remote root ({@code C:\deploy\app},
 * {@code \\files01\releases\app} or, with {@link RemotePlatform#POSIX}, {@code /srv/app}). Immutable; build with
 * {@link #builder}.
 */
public final class UploadRequest {
    /**
     * Raw stdin bytes per Send: 192 KiB become 256 KiB of base64, an envelope well inside the default
     * MaxEnvelopeSizekb of 500 KiB (WinRM 3.0 and later: Windows Server 2012 on). Measured against the local service,
     * the client's CPU per MB falls with larger Sends (48 KiB: about 80 ms/MB, 96 KiB: 40, 192 KiB: 30; see
     * docs/file-transfer.md). For a WinRM 2.0 host (MaxEnvelopeSizekb 150) use {@link #CONSERVATIVE_CHUNK_SIZE}.
     */
    public static final int DEFAULT_CHUNK_SIZE = 192 * 1024;
    /** 96 KiB: 128 KiB of base64, inside the 150 KiB MaxEnvelopeSizekb of WinRM 2.0. */
    public static final int CONSERVATIVE_CHUNK_SIZE = 96 * 1024;
    /** File bytes between two flow-control pings: how far the client may run ahead of the agent. */
    public static final int DEFAULT_WINDOW = 4 * 1024 * 1024;

    private final Path localRoot;
    private final List<String> relativePaths;
    private final String remoteRoot;
    private final OverwritePolicy overwrite;
    private final RemotePlatform platform;
    private final TransferListener listener;
    private final int chunkSize;
    private final int window;

    private UploadRequest(Builder b) {
        this.localRoot = b.localRoot;
        this.relativePaths = List.copyOf(b.relativePaths);
        this.remoteRoot = b.remoteRoot;
        this.overwrite = b.overwrite;
        this.platform = b.platform;
        this.listener = b.listener;
        this.chunkSize = b.chunkSize;
        this.window = b.window;
    }

    /**
     * @param localRoot     the local directory the relative paths start from
     * @param relativePaths {@code /}-separated paths of files (or directories to create) below {@code localRoot}
     * @param remoteRoot    the destination directory, created if missing
     */
    public static Builder builder(Path localRoot, List<String> relativePaths, String remoteRoot) {
        return new Builder(localRoot, relativePaths, remoteRoot);
    }

    /** Every file below {@code localDirectory} and every empty directory, to the same places under {@code remoteRoot}. */
    public static Builder tree(Path localDirectory, String remoteRoot) throws IOException {
        return new Builder(localDirectory, RelativePaths.tree(localDirectory), remoteRoot);
    }

    public Path localRoot() {
        return localRoot;
    }

    public List<String> relativePaths() {
        return relativePaths;
    }

    public String remoteRoot() {
        return remoteRoot;
    }

    public OverwritePolicy overwrite() {
        return overwrite;
    }

    public RemotePlatform platform() {
        return platform;
    }

    public TransferListener listener() {
        return listener;
    }

    public int chunkSize() {
        return chunkSize;
    }

    public int window() {
        return window;
    }

    /** Options of an {@link UploadRequest}; defaults: {@link OverwritePolicy#ALWAYS}, {@link RemotePlatform#WINDOWS}. */
    public static final class Builder {
        private final Path localRoot;
        private final List<String> relativePaths;
        private final String remoteRoot;
        private OverwritePolicy overwrite = OverwritePolicy.ALWAYS;
        private RemotePlatform platform = RemotePlatform.WINDOWS;
        private TransferListener listener = TransferListener.NONE;
        private int chunkSize = DEFAULT_CHUNK_SIZE;
        private int window = DEFAULT_WINDOW;

        private Builder(Path localRoot, List<String> relativePaths, String remoteRoot) {
            this.localRoot = Objects.requireNonNull(localRoot, "localRoot");
            this.relativePaths = List.copyOf(relativePaths);
            this.remoteRoot = Objects.requireNonNull(remoteRoot, "remoteRoot");
            if (remoteRoot.isBlank()) {
                throw new IllegalArgumentException("remoteRoot is empty");
            }
        }

        public Builder overwrite(OverwritePolicy value) {
            this.overwrite = Objects.requireNonNull(value, "overwrite");
            return this;
        }

        public Builder platform(RemotePlatform value) {
            this.platform = Objects.requireNonNull(value, "platform");
            return this;
        }

        public Builder listener(TransferListener value) {
            this.listener = Objects.requireNonNull(value, "listener");
            return this;
        }

        /** Stdin bytes per Send, 4 KiB to 1 MiB (see {@link #DEFAULT_CHUNK_SIZE}). */
        public Builder chunkSize(int bytes) {
            if (bytes < 4096 || bytes > 1 << 20) {
                throw new IllegalArgumentException("chunkSize must be 4 KiB to 1 MiB, not " + bytes);
            }
            this.chunkSize = bytes;
            return this;
        }

        /** File bytes between flow-control pings, at least one chunk (see {@link #DEFAULT_WINDOW}). */
        public Builder window(int bytes) {
            if (bytes < 4096) {
                throw new IllegalArgumentException("window must be at least 4 KiB, not " + bytes);
            }
            this.window = bytes;
            return this;
        }

        public UploadRequest build() {
            return new UploadRequest(this);
        }
    }
}
