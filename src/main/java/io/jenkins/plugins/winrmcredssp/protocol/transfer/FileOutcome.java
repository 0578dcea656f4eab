package io.jenkins.plugins.winrmcredssp.protocol.transfer;

/** What happened to one entry of a transfer. */
public enum FileOutcome {
    /** Written to a temporary name, verified (size, SHA-256) and renamed over the final name. */
    COPIED,
    /** {@link OverwritePolicy#IF_CHANGED}: the destination already had the same size and SHA-256. */
    SKIPPED_UNCHANGED,
    /** {@link OverwritePolicy#NEVER}: the destination existed and was left alone. */
    SKIPPED_EXISTING,
    /** A directory entry: created if missing. */
    DIRECTORY
}
