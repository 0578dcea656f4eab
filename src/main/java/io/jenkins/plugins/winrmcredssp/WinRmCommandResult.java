package io.jenkins.plugins.winrmcredssp;

import java.io.Serializable;

/**
 * What a remote run brings back from the agent: the exit code and, when asked for, standard output (password masked).
 *
 * @param exitCode the remote command's exit code
 * @param stdout   its standard output decoded as UTF-8, or null when it was not captured
 */
public record WinRmCommandResult(int exitCode, String stdout) implements Serializable {
}
