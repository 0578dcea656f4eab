package io.jenkins.plugins.winrmcredssp.protocol.ntlm;

import io.jenkins.plugins.winrmcredssp.protocol.ProtocolException;
import io.jenkins.plugins.winrmcredssp.protocol.auth.Mechanism;
import io.jenkins.plugins.winrmcredssp.protocol.auth.SecurityContext;

/**
 * What the NTLM initiator and acceptor share once established: message protection through the session security of
 * MS-NLMP §3.4 (wrap = signature followed by sealed data, MIC = signature), the per-direction key stream reset that
 * SPNEGO needs after mechListMIC (MS-SPNG §3.3.5.1), and forgetting the keys on close.
 */
public abstract sealed class NtlmContext implements SecurityContext permits NtlmInitiatorContext, NtlmAcceptorContext {
    private final String role;
    /** Set by the subclass when the exchange completes. */
    NtlmSessionSecurity security;

    NtlmContext(String role) {
        this.role = role;
    }

    @Override
    public final Mechanism mechanism() {
        return Mechanism.NTLM;
    }

    /** The subclass's state, for error messages. */
    abstract Object state();

    /** Marks the context closed; called once the keys are forgotten. */
    abstract void markClosed();

    /** The session security of the established context. */
    public NtlmSessionSecurity sessionSecurity() throws NtlmException {
        if (!isEstablished()) {
            throw new NtlmException("NTLM " + role + ": message protection needs an established context (state "
                    + state() + ")");
        }
        return security;
    }

    @Override
    public byte[] wrap(byte[] message) throws ProtocolException {
        return sessionSecurity().wrap(message);
    }

    @Override
    public byte[] unwrap(byte[] token) throws ProtocolException {
        return sessionSecurity().unwrap(token);
    }

    @Override
    public byte[] getMic(byte[] message) throws ProtocolException {
        return sessionSecurity().sign(message);
    }

    @Override
    public void verifyMic(byte[] message, byte[] mic) throws ProtocolException {
        sessionSecurity().verify(message, mic);
    }

    @Override
    public void resetCryptoState() {
        if (isEstablished()) {
            security.resetCryptoState();
        }
    }

    @Override
    public void resetCryptoState(boolean outgoing) {
        if (isEstablished()) {
            security.resetCryptoState(outgoing);
        }
    }

    @Override
    public void close() {
        if (security != null) {
            security.close();
        }
        markClosed();
    }
}
