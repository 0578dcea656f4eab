package io.jenkins.plugins.winrmcredssp.protocol.wsman;

/**
 * A remote command was stopped before it finished: cancelled (thread interrupted or {@link WinRmShell#cancel()}) or
 * over its time limit. By the time this is thrown the command was signalled to terminate and the shell deleted;
 * failures of that clean-up are attached as suppressed exceptions.
 */
public class CommandAbortedException extends WsmanException {
    private static final long serialVersionUID = 1L;

    /** Why the command was stopped. */
    public enum Reason { CANCELLED, TIMED_OUT }

    private final Reason reason;

    public CommandAbortedException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
