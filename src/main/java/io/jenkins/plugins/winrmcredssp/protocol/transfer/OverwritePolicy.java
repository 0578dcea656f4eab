package io.jenkins.plugins.winrmcredssp.protocol.transfer;

/** What to do with a destination file that already exists. */
public enum OverwritePolicy {
    /** Always copy and replace (atomically) whatever is there. */
    ALWAYS,
    /**
     * Copy unless the destination already holds the same bytes: the agent hashes the existing file itself and the
     * file is {@link FileOutcome#SKIPPED_UNCHANGED} when size and SHA-256 match.
     */
    IF_CHANGED,
    /**
     * Never touch an existing destination file: it is {@link FileOutcome#SKIPPED_EXISTING} (not an error, like
     * {@code rsync --ignore-existing}); only missing files are copied.
     */
    NEVER
}
