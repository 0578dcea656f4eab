package io.jenkins.plugins.winrmcredssp.protocol.spnego;

import io.jenkins.plugins.winrmcredssp.protocol.ProtocolException;
import io.jenkins.plugins.winrmcredssp.protocol.auth.Mechanism;
import io.jenkins.plugins.winrmcredssp.protocol.auth.SecurityContext;

/**
 * The mechListMIC exchange, RFC 4178 §5, with the MS-SPNG §3.3.5.1 rule that after computing or verifying it the
 * inner mechanism restarts its sealing key stream, so that the first application message starts from fresh RC4 state
 * (what NTLM needs; a no-op for Kerberos). Shared by both SPNEGO contexts.
 */
final class MechListMic {
    private final SecurityContext inner;
    private final Mechanism mechanism;
    private final byte[] mechTypeList;
    private boolean sent;
    private boolean received;

    MechListMic(SecurityContext inner, Mechanism mechanism, byte[] mechTypeList) {
        this.inner = inner;
        this.mechanism = mechanism;
        this.mechTypeList = mechTypeList.clone();
    }

    /** GSS_GetMIC over the DER MechTypeList with the negotiated mechanism, then the key-stream reset. */
    byte[] produce() throws ProtocolException {
        byte[] mic = inner.getMic(mechTypeList);
        inner.resetCryptoState();
        sent = true;
        return mic;
    }

    /** GSS_VerifyMIC of the peer's mechListMIC, then the key-stream reset. */
    void verify(byte[] peerMic) throws SpnegoException {
        if (!inner.isEstablished()) {
            throw new SpnegoException(SpnegoException.Reason.PROTOCOL_VIOLATION, "The peer sent a mechListMIC before the "
                    + mechanism.displayName() + " exchange was complete (RFC 4178 §5)");
        }
        try {
            inner.verifyMic(mechTypeList, peerMic);
        } catch (ProtocolException e) {
            throw new SpnegoException(SpnegoException.Reason.MECH_LIST_MIC, "The peer's SPNEGO mechListMIC does not verify"
                    + " with " + mechanism.displayName() + ": the mechanism list was altered in transit (downgrade"
                    + " attempt) or the peer derived different keys (" + e.getMessage() + ")", e);
        }
        inner.resetCryptoState();
        received = true;
    }

    boolean sent() {
        return sent;
    }

    boolean received() {
        return received;
    }
}
