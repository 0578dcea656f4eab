package io.jenkins.plugins.winrmcredssp.protocol.spnego;

import io.jenkins.plugins.winrmcredssp.protocol.ProtocolException;
import java.util.Objects;

/** A SPNEGO negotiation failed (RFC 4178 §5); {@link #reason()} says how, the message says why and what to do. */
public class SpnegoException extends ProtocolException {
    private static final long serialVersionUID = 1L;

    /** How the negotiation failed. */
    public enum Reason {
        /** No candidate mechanism could produce its first token (each candidate's failure is suppressed). */
        NO_USABLE_MECHANISM,
        /** Initiator and acceptor have no mechanism in common. */
        NO_COMMON_MECHANISM,
        /** The peer answered negState {@code reject}. */
        REJECTED,
        /** The peer's mechListMIC did not verify, or a required one was missing (RFC 4178 §5: possible downgrade). */
        MECH_LIST_MIC,
        /** The peer broke the RFC 4178 message sequence (unexpected token, mechanism or state). */
        PROTOCOL_VIOLATION
    }

    private final Reason reason;

    public SpnegoException(Reason reason, String message) {
        super(message);
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    public SpnegoException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    public Reason reason() {
        return reason;
    }
}
