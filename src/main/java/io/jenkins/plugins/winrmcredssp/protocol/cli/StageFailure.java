package io.jenkins.plugins.winrmcredssp.protocol.cli;

import java.io.IOException;

/** A client-side failure the CLI has already attributed to a stage and an {@link ExitStatus}. */
final class StageFailure extends IOException {
    private static final long serialVersionUID = 1L;

    private final int exitStatus;
    private final String stage;

    StageFailure(int exitStatus, String stage, Throwable cause) {
        super(stage + ": " + cause.getMessage(), cause);
        this.exitStatus = exitStatus;
        this.stage = stage;
    }

    int exitStatus() {
        return exitStatus;
    }

    String stage() {
        return stage;
    }
}
