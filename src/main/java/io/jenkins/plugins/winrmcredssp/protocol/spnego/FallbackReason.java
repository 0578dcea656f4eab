package io.jenkins.plugins.winrmcredssp.protocol.spnego;

import io.jenkins.plugins.winrmcredssp.protocol.ProtocolException;
import io.jenkins.plugins.winrmcredssp.protocol.auth.Mechanism;
import java.util.Objects;

/**
 * Why an {@link SpnegoInitiatorContext} left out a candidate mechanism (for example Kerberos with no reachable KDC), so
 * that a successful fallback to NTLM can still be explained to the user.
 */
public record FallbackReason(Mechanism mechanism, ProtocolException cause) {
    public FallbackReason {
        Objects.requireNonNull(mechanism, "mechanism");
        Objects.requireNonNull(cause, "cause");
    }

    /** E.g. {@code Kerberos: Cannot reach the KDC for EXAMPLE.TEST}. */
    public String describe() {
        return mechanism.displayName() + ": " + cause.getMessage();
    }
}
