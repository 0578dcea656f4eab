package io.jenkins.plugins.winrmcredssp.protocol.cli;

import io.jenkins.plugins.winrmcredssp.protocol.transfer.OverwritePolicy;
import io.jenkins.plugins.winrmcredssp.protocol.transfer.RemotePlatform;

/**
 * The {@code upload} / {@code download} subcommands' own options ({@link TransferArguments}); the connection options
 * are the usual {@link CliOptions}.
 *
 * @param upload    {@code upload} (else {@code download})
 * @param source    upload: local file or directory; download: remote file
 * @param target    upload: remote directory; download: local file
 * @param overwrite upload only
 */
public record TransferOptions(boolean upload, String source, String target, OverwritePolicy overwrite,
        RemotePlatform platform) {
}
