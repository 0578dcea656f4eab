package io.jenkins.plugins.winrmcredssp.protocol.spnego;

import io.jenkins.plugins.winrmcredssp.protocol.ProtocolException;
import io.jenkins.plugins.winrmcredssp.protocol.auth.Mechanism;
import io.jenkins.plugins.winrmcredssp.protocol.auth.SecurityContext;
import io.jenkins.plugins.winrmcredssp.protocol.spnego.SpnegoException.Reason;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * SPNEGO acceptor (RFC 4178 §3.2, MS-SPNG §3.2.5). Selects the first of the initiator's mechTypes it has an acceptor
 * for (the initiator's preference wins; both Kerberos OIDs map to a Kerberos acceptor), consumes the optimistic token
 * when it belongs to that mechanism, and otherwise answers supportedMech with request-mic so the initiator sends that
 * mechanism's initial token. The mechListMIC exchange follows RFC 4178 §5: required when the selected mechanism is
 * not the initiator's first choice, answered whenever the initiator sent one.
 *
 * <p>{@link #step} throws when the negotiation cannot go on (no common mechanism, inner authentication failure, bad
 * mechListMIC); a server then sends {@code NegTokenResp.reject().encode()} if its transport carries a final token.
 */
public final class SpnegoAcceptorContext implements SecurityContext {
    private final Map<Mechanism, SecurityContextFactory> acceptors;
    private Mechanism selectedMechanism;
    private SecurityContext inner;
    private MechListMic mechListMic;
    private boolean initReceived;
    private boolean peerMicRequired;
    private boolean established;
    private boolean failed;
    private boolean closed;

    /** @param acceptors how to create an acceptor for each supported mechanism (at least one) */
    public SpnegoAcceptorContext(Map<Mechanism, SecurityContextFactory> acceptors) {
        if (acceptors.isEmpty()) {
            throw new IllegalArgumentException("SPNEGO acceptor needs at least one mechanism");
        }
        if (acceptors.containsKey(Mechanism.SPNEGO)) {
            throw new IllegalArgumentException("SPNEGO cannot negotiate itself (RFC 4178 §3)");
        }
        this.acceptors = new EnumMap<>(acceptors);
    }

    @Override
    public Mechanism mechanism() {
        return Mechanism.SPNEGO;
    }

    /** The selected mechanism (as the initiator named it), or {@link Mechanism#SPNEGO} before the first token. */
    @Override
    public Mechanism negotiatedMechanism() {
        return selectedMechanism == null ? Mechanism.SPNEGO : selectedMechanism;
    }

    @Override
    public byte[] step(byte[] input) throws ProtocolException {
        if (closed || failed) {
            throw new IllegalStateException("SPNEGO acceptor context is " + (closed ? "closed" : "failed"));
        }
        try {
            if (established) {
                throw new SpnegoException(Reason.PROTOCOL_VIOLATION,
                        "The initiator sent another SPNEGO token after the negotiation completed");
            }
            if (input == null) {
                throw new SpnegoException(Reason.PROTOCOL_VIOLATION, "No SPNEGO token from the initiator");
            }
            NegotiationToken token = NegotiationToken.decode(input);
            if (!initReceived) {
                if (!(token instanceof NegTokenInit init)) {
                    throw new SpnegoException(Reason.PROTOCOL_VIOLATION,
                            "The initiator's first SPNEGO token is a NegTokenResp, not a NegTokenInit (RFC 4178 §4.2.1)");
                }
                return start(init);
            }
            if (!(token instanceof NegTokenResp response)) {
                throw new SpnegoException(Reason.PROTOCOL_VIOLATION,
                        "The initiator sent a second NegTokenInit where a NegTokenResp belongs (RFC 4178 §4.2.2)");
            }
            return continueWith(response);
        } catch (ProtocolException | RuntimeException e) {
            failed = true;
            throw e;
        }
    }

    private byte[] start(NegTokenInit init) throws ProtocolException {
        initReceived = true;
        List<String> offered = init.mechTypes();
        for (int i = 0; i < offered.size(); i++) {
            Optional<Mechanism> mechanism = Mechanism.byOid(offered.get(i));
            Optional<Mechanism> supported = mechanism.flatMap(m -> KerberosOidAlias.resolve(m, acceptors.keySet()));
            if (supported.isPresent()) {
                selectedMechanism = mechanism.get();
                inner = acceptors.get(supported.get()).create();
                peerMicRequired = i > 0;
                mechListMic = new MechListMic(inner, selectedMechanism, init.mechTypeListEncoding());
                byte[] out = i == 0 && init.mechToken().isPresent() ? inner.step(init.mechToken().get()) : null;
                return answer(out, init.mechListMic().orElse(null), offered.get(i));
            }
        }
        throw new SpnegoException(Reason.NO_COMMON_MECHANISM, "The initiator offered " + describe(offered)
                + " but this acceptor supports only " + acceptors.keySet().stream().map(Mechanism::displayName).toList());
    }

    private static List<String> describe(List<String> oids) {
        return oids.stream().map(oid -> Mechanism.byOid(oid).map(Mechanism::displayName).orElse(oid)).toList();
    }

    private byte[] continueWith(NegTokenResp response) throws ProtocolException {
        if (response.negState().orElse(null) == NegState.REJECT) {
            throw new SpnegoException(Reason.REJECTED, "The initiator abandoned the " + selectedMechanism.displayName()
                    + " negotiation (SPNEGO negState reject)");
        }
        byte[] out = null;
        Optional<byte[]> responseToken = response.responseToken();
        if (responseToken.isPresent()) {
            if (inner.isEstablished()) {
                throw new SpnegoException(Reason.PROTOCOL_VIOLATION, "The initiator sent a "
                        + selectedMechanism.displayName() + " token after that exchange was complete");
            }
            out = inner.step(responseToken.get());
        }
        return answer(out, response.mechListMic().orElse(null), null);
    }

    /** @param supportedMech the selected OID in the first reply, null afterwards */
    private byte[] answer(byte[] innerToken, byte[] peerMic, String supportedMech) throws ProtocolException {
        byte[] out = innerToken == null || innerToken.length == 0 ? null : innerToken;
        if (peerMic != null) {
            mechListMic.verify(peerMic);
        }
        byte[] outMic = null;
        boolean micExchange = peerMicRequired || mechListMic.received();
        if (inner.isEstablished() && micExchange && !mechListMic.sent()) {
            outMic = mechListMic.produce();
        }
        boolean micPending = (micExchange || mechListMic.sent()) && !(mechListMic.sent() && mechListMic.received());
        established = inner.isEstablished() && !micPending;
        boolean nothingToSay = out == null && outMic == null;
        if (supportedMech == null && nothingToSay) {
            if (established) {
                return null;
            }
            throw new SpnegoException(Reason.PROTOCOL_VIOLATION, "The initiator sent nothing to continue the "
                    + selectedMechanism.displayName() + " exchange with");
        }
        NegState state = established ? NegState.ACCEPT_COMPLETED
                : supportedMech != null && peerMicRequired ? NegState.REQUEST_MIC : NegState.ACCEPT_INCOMPLETE;
        return new NegTokenResp(state, supportedMech, out, outMic).encode();
    }

    @Override
    public boolean isEstablished() {
        return established;
    }

    private SecurityContext negotiated() {
        if (!established || closed) {
            throw new IllegalStateException("SPNEGO context is " + (closed ? "closed" : "not established"));
        }
        return inner;
    }

    @Override
    public byte[] wrap(byte[] message) throws ProtocolException {
        return negotiated().wrap(message);
    }

    @Override
    public byte[] unwrap(byte[] token) throws ProtocolException {
        return negotiated().unwrap(token);
    }

    @Override
    public byte[] getMic(byte[] message) throws ProtocolException {
        return negotiated().getMic(message);
    }

    @Override
    public void verifyMic(byte[] message, byte[] mic) throws ProtocolException {
        negotiated().verifyMic(message, mic);
    }

    /** The authenticated client, as the inner acceptor names it. */
    @Override
    public String peerName() {
        return inner == null ? null : inner.peerName();
    }

    @Override
    public void close() {
        closed = true;
        if (inner != null) {
            inner.close();
        }
    }

    @Override
    public String toString() {
        return "SpnegoAcceptorContext[mechanism=" + negotiatedMechanism().displayName() + ", established=" + established + "]";
    }
}
