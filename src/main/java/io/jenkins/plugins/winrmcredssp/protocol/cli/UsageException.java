package io.jenkins.plugins.winrmcredssp.protocol.cli;

/** Wrong command-line arguments; the CLI prints the message and the usage, and exits {@link ExitStatus#USAGE}. */
public final class UsageException extends Exception {
    private static final long serialVersionUID = 1L;

    public UsageException(String message) {
        super(message);
    }
}
