package io.jenkins.plugins.winrmcredssp.protocol.spnego;

import io.jenkins.plugins.winrmcredssp.protocol.auth.Mechanism;
import java.util.Objects;

/**
 * One mechanism an {@link SpnegoInitiatorContext} may offer: its OID (placed in mechTypes) and how to create its
 * context.
 */
public record SpnegoCandidate(Mechanism mechanism, SecurityContextFactory factory) {
    public SpnegoCandidate {
        Objects.requireNonNull(mechanism, "mechanism");
        Objects.requireNonNull(factory, "factory");
        if (mechanism == Mechanism.SPNEGO) {
            throw new IllegalArgumentException("SPNEGO cannot negotiate itself (RFC 4178 §3)");
        }
    }
}
