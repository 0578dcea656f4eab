package io.jenkins.plugins.winrmcredssp.runner;

import io.jenkins.plugins.winrmcredssp.WinRmConnectionOptions;
import java.io.IOException;
import java.io.Serializable;

/**
 * Opens an authenticated WS-Management session to the host the options name. Serializable because it travels to the
 * agent inside the callable; implementations hold no state besides configuration.
 */
@FunctionalInterface
public interface WinRmSessionOpener extends Serializable {
    /**
     * @param password read during the call only; the caller wipes it afterwards
     * @throws IOException naming the stage that failed (TLS, authentication, delegation refused...)
     */
    WinRmSession open(WinRmConnectionOptions options, String username, char[] password) throws IOException;
}
