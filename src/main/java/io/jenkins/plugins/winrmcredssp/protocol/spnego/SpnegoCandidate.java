package io.jenkins.plugins.winrmcredssp.protocol.spnego;

import io.jenkins.plugins.winrmcredssp.protocol.ProtocolException;
import io.jenkins.plugins.winrmcredssp.protocol.auth.Mechanism;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * One mechanism an {@link SpnegoInitiatorContext} may offer: its OID (placed in mechTypes), how to create its context,
 * and which failures of its first step let the initiator fall back to the next candidate. A failure the predicate
 * refuses (say a wrong Kerberos password, where NTLM would only fail again and count another bad logon) ends the
 * negotiation with that very exception.
 */
public record SpnegoCandidate(Mechanism mechanism, SecurityContextFactory factory,
        Predicate<ProtocolException> fallbackAllowed) {
    public SpnegoCandidate {
        Objects.requireNonNull(mechanism, "mechanism");
        Objects.requireNonNull(factory, "factory");
        Objects.requireNonNull(fallbackAllowed, "fallbackAllowed");
        if (mechanism == Mechanism.SPNEGO) {
            throw new IllegalArgumentException("SPNEGO cannot negotiate itself (RFC 4178 §3)");
        }
    }

    /** A candidate after whose every {@link ProtocolException} the next candidate is tried. */
    public SpnegoCandidate(Mechanism mechanism, SecurityContextFactory factory) {
        this(mechanism, factory, failure -> true);
    }
}
