package io.jenkins.plugins.winrmcredssp.runner;

import io.jenkins.plugins.winrmcredssp.protocol.wsman.CommandAbortedException;
import java.io.IOException;
import java.time.Duration;

/** The remote command ran longer than the configured timeout; it was terminated and its shell deleted. */
public final class CommandTimedOutException extends IOException {
    private static final long serialVersionUID = 1L;

    CommandTimedOutException(Duration timeout, CommandAbortedException cause) {
        super("The remote command did not finish within the timeout of " + timeout.toSeconds()
                + " s; it was terminated and its shell deleted", cause);
    }
}
