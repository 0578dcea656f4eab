package io.jenkins.plugins.winrmcredssp.protocol.credssp;

import io.jenkins.plugins.winrmcredssp.protocol.ProtocolException;
import java.util.OptionalLong;

/**
 * A CredSSP exchange failed. Carries the stage (and authentication round) where it failed and, when the server sent a
 * TSRequest.errorCode, that NTSTATUS; the message names both and the fix when known. Never contains secrets.
 */
public class CredSspException extends ProtocolException {
    private static final long serialVersionUID = 1L;

    private final CredSspStage stage;
    private final int round;
    private final Long ntStatus;

    public CredSspException(CredSspStage stage, int round, String message) {
        this(stage, round, message, null, null);
    }

    public CredSspException(CredSspStage stage, int round, String message, Throwable cause) {
        this(stage, round, message, null, cause);
    }

    private CredSspException(CredSspStage stage, int round, String message, Long ntStatus, Throwable cause) {
        super("CredSSP " + stage.describe(round) + ": " + message, cause);
        this.stage = stage;
        this.round = round;
        this.ntStatus = ntStatus;
    }

    /** The server reported {@code ntStatus} in TSRequest.errorCode. */
    public static CredSspException serverError(CredSspStage stage, int round, long ntStatus) {
        return new CredSspException(stage, round, "the server reported " + NtStatus.describe(ntStatus),
                ntStatus & 0xFFFFFFFFL, null);
    }

    public CredSspStage stage() {
        return stage;
    }

    /** The authentication round (1-based) for {@link CredSspStage#AUTHENTICATION}, else the last round reached. */
    public int round() {
        return round;
    }

    /** The server's errorCode, unsigned, when it sent one. */
    public OptionalLong ntStatus() {
        return ntStatus == null ? OptionalLong.empty() : OptionalLong.of(ntStatus);
    }
}
