package io.jenkins.plugins.winrmcredssp.protocol.transfer;

import java.util.Objects;

/**
 * One entry of a {@link TransferResult}.
 *
 * @param relativePath as given, with {@code /} separators
 * @param remotePath   the destination (upload) or source (download) path on the remote host
 * @param outcome      what happened
 * @param size         bytes of the file (0 for a directory; for {@link FileOutcome#SKIPPED_EXISTING} the size of the
 *                     local file that was not sent)
 * @param sha256       lower-case hex SHA-256 of the file's content as now at the destination; empty for a directory
 *                     and for {@link FileOutcome#SKIPPED_EXISTING} (the existing file is not read)
 */
public record FileResult(String relativePath, String remotePath, FileOutcome outcome, long size, String sha256) {
    public FileResult {
        Objects.requireNonNull(relativePath, "relativePath");
        Objects.requireNonNull(remotePath, "remotePath");
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(sha256, "sha256");
    }
}
