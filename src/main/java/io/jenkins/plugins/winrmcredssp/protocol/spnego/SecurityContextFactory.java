package io.jenkins.plugins.winrmcredssp.protocol.spnego;

import io.jenkins.plugins.winrmcredssp.protocol.ProtocolException;
import io.jenkins.plugins.winrmcredssp.protocol.auth.SecurityContext;

/** Creates a fresh context of one inner mechanism for SPNEGO to drive (initiator or acceptor). */
@FunctionalInterface
public interface SecurityContextFactory {

    /** @throws ProtocolException the mechanism cannot be used here (for an initiator: SPNEGO falls back to the next) */
    SecurityContext create() throws ProtocolException;
}
