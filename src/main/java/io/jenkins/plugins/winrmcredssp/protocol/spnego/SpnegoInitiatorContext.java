package io.jenkins.plugins.winrmcredssp.protocol.spnego;

import io.jenkins.plugins.winrmcredssp.protocol.ProtocolException;
import io.jenkins.plugins.winrmcredssp.protocol.auth.Mechanism;
import io.jenkins.plugins.winrmcredssp.protocol.auth.SecurityContext;
import io.jenkins.plugins.winrmcredssp.protocol.spnego.SpnegoException.Reason;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * SPNEGO initiator (RFC 4178 §3.2, MS-SPNG §3.1.5) over candidate mechanisms in preference order, typically Kerberos
 * then NTLM, the way Windows "Negotiate" behaves.
 *
 * <ol>
 *   <li>First step: every candidate is created and asked for its initial token. A candidate that fails with a
 *       {@link ProtocolException} (Kerberos without a reachable KDC, say) is left out of mechTypes and its failure kept
 *       in {@link #fallbackReasons()}, unless the candidate refuses the fallback for that failure. The first
 *       survivor's token goes out as the optimistic mechToken.</li>
 *   <li>The acceptor's first NegTokenResp names the mechanism it selected (supportedMech). When that is not the
 *       optimistic one, its initial token is sent instead (RFC 4178 §5, case (c)).</li>
 *   <li>mechListMIC (RFC 4178 §5): sent once the inner context is established if the selected mechanism is not the
 *       first offered, if the acceptor asked (request-mic) or sent its own, and always for NTLM: its AUTHENTICATE
 *       carries a MIC whenever the server sent a timestamp (MS-NLMP §3.1.5.2.1), and Windows then insists on the
 *       mechListMIC (pyspnego sends it in that case too; sending it otherwise is allowed by RFC 4178 §5). The acceptor's
 *       mechListMIC is verified; it is required whenever the selected mechanism was not the first offered or a MIC was
 *       requested. After producing or verifying it the inner mechanism's key stream is reset (MS-SPNG §3.3.5.1).</li>
 * </ol>
 *
 * A "never fall back" initiator is simply one with a single candidate ({@link #withoutFallback}); a candidate can also
 * refuse the fallback for some of its failures ({@link SpnegoCandidate#fallbackAllowed()}), which then end the first
 * step with that failure unchanged.
 */
public final class SpnegoInitiatorContext implements SecurityContext {
    private final List<SpnegoCandidate> candidates;
    private final Map<Mechanism, Started> started = new LinkedHashMap<>();
    private final List<FallbackReason> fallbackReasons = new ArrayList<>();
    private byte[] mechTypeList;
    private Mechanism firstOffered;
    private Mechanism selectedMechanism;
    private SecurityContext selected;
    private MechListMic mechListMic;
    private boolean initSent;
    private boolean firstReplySeen;
    private boolean peerMicRequired;
    private boolean established;
    private boolean failed;
    private boolean closed;

    private record Started(SecurityContext context, byte[] initialToken) {
    }

    /**
     * @param candidatesInPreferenceOrder at least one; each mechanism at most once
     */
    public SpnegoInitiatorContext(List<SpnegoCandidate> candidatesInPreferenceOrder) {
        List<SpnegoCandidate> list = List.copyOf(candidatesInPreferenceOrder);
        if (list.isEmpty()) {
            throw new IllegalArgumentException("SPNEGO needs at least one candidate mechanism");
        }
        Set<Mechanism> seen = new HashSet<>();
        for (SpnegoCandidate candidate : list) {
            if (!seen.add(candidate.mechanism())) {
                throw new IllegalArgumentException(candidate.mechanism().displayName() + " is a candidate twice");
            }
        }
        this.candidates = list;
    }

    /** An initiator that offers exactly one mechanism: if it cannot start, the negotiation fails. */
    public static SpnegoInitiatorContext withoutFallback(SpnegoCandidate only) {
        return new SpnegoInitiatorContext(List.of(only));
    }

    @Override
    public Mechanism mechanism() {
        return Mechanism.SPNEGO;
    }

    /**
     * The mechanism in use: the optimistic one after the first step, the acceptor's choice after its first reply;
     * {@link Mechanism#SPNEGO} before the first step.
     */
    @Override
    public Mechanism negotiatedMechanism() {
        return selectedMechanism == null ? Mechanism.SPNEGO : selectedMechanism;
    }

    /** Candidates left out of mechTypes and why, in candidate order (empty before the first step). */
    public List<FallbackReason> fallbackReasons() {
        return List.copyOf(fallbackReasons);
    }

    @Override
    public byte[] step(byte[] input) throws ProtocolException {
        if (closed || failed) {
            throw new IllegalStateException("SPNEGO initiator context is " + (closed ? "closed" : "failed"));
        }
        try {
            if (established) {
                throw new SpnegoException(Reason.PROTOCOL_VIOLATION,
                        "The acceptor sent another SPNEGO token after the negotiation completed");
            }
            if (!initSent) {
                return start(input);
            }
            if (input == null) {
                throw new SpnegoException(Reason.PROTOCOL_VIOLATION, "No SPNEGO token from the acceptor to continue with");
            }
            if (!(NegotiationToken.decode(input) instanceof NegTokenResp response)) {
                throw new SpnegoException(Reason.PROTOCOL_VIOLATION,
                        "The acceptor answered with a NegTokenInit where a NegTokenResp belongs (RFC 4178 §4.2.2)");
            }
            return continueWith(response);
        } catch (ProtocolException | RuntimeException e) {
            failed = true;
            throw e;
        }
    }

    private byte[] start(byte[] acceptorHint) throws ProtocolException {
        Set<Mechanism> announced = acceptorHint == null ? Set.of() : announcedBy(acceptorHint);
        for (SpnegoCandidate candidate : candidates) {
            if (!announced.isEmpty() && KerberosOidAlias.resolve(candidate.mechanism(), announced).isEmpty()) {
                fallbackReasons.add(new FallbackReason(candidate.mechanism(), new SpnegoException(Reason.NO_COMMON_MECHANISM,
                        "not among the mechanisms the acceptor announced in its NegTokenInit2")));
                continue;
            }
            tryStart(candidate);
        }
        if (started.isEmpty()) {
            throw noUsableMechanism();
        }
        List<String> mechTypes = started.keySet().stream().map(Mechanism::oid).toList();
        mechTypeList = NegTokenInit.encodeMechTypeList(mechTypes);
        Map.Entry<Mechanism, Started> optimistic = started.entrySet().iterator().next();
        firstOffered = optimistic.getKey();
        select(firstOffered);
        initSent = true;
        return NegTokenInit.of(mechTypes, optimistic.getValue().initialToken()).encode();
    }

    /** The known mechanisms of a NegTokenInit2 hint; empty when it lists none we know (then it restricts nothing). */
    private static Set<Mechanism> announcedBy(byte[] acceptorHint) throws ProtocolException {
        if (!(NegotiationToken.decode(acceptorHint) instanceof NegTokenInit hint)) {
            throw new SpnegoException(Reason.PROTOCOL_VIOLATION, "The acceptor spoke first with a NegTokenResp; only a"
                    + " NegTokenInit2 hint may come before the initiator's token (MS-SPNG §3.2.5.2)");
        }
        Set<Mechanism> announced = new HashSet<>();
        for (String oid : hint.mechTypes()) {
            Mechanism.byOid(oid).ifPresent(announced::add);
        }
        return announced;
    }

    private void tryStart(SpnegoCandidate candidate) throws ProtocolException {
        SecurityContext context = null;
        try {
            context = candidate.factory().create();
            byte[] initial = context.step(null);
            if (initial == null || initial.length == 0) {
                throw new SpnegoException(Reason.PROTOCOL_VIOLATION, "produced no initial token");
            }
            started.put(candidate.mechanism(), new Started(context, initial));
        } catch (ProtocolException e) {
            if (context != null) {
                context.close();
            }
            if (!candidate.fallbackAllowed().test(e)) {
                close();
                throw e;
            }
            fallbackReasons.add(new FallbackReason(candidate.mechanism(), e));
        }
    }

    private SpnegoException noUsableMechanism() {
        String reasons = fallbackReasons.stream().map(FallbackReason::describe).collect(Collectors.joining("; "));
        SpnegoException e = new SpnegoException(Reason.NO_USABLE_MECHANISM,
                "No SPNEGO mechanism could start (" + reasons + ")", fallbackReasons.get(fallbackReasons.size() - 1).cause());
        for (FallbackReason reason : fallbackReasons.subList(0, fallbackReasons.size() - 1)) {
            e.addSuppressed(reason.cause());
        }
        return e;
    }

    private byte[] continueWith(NegTokenResp response) throws ProtocolException {
        NegState state = response.negState().orElse(null);
        byte[] responseToken = response.responseToken().orElse(null);
        byte[] peerMic = response.mechListMic().orElse(null);
        if (peerMic != null && Arrays.equals(peerMic, responseToken)) {
            // Some old acceptors echo responseToken as mechListMIC (seen by pyspnego/smbprotocol): not a MIC.
            peerMic = null;
        }
        if (state == NegState.REJECT) {
            throw rejected(responseToken);
        }
        byte[] out = null;
        boolean switched = false;
        Optional<String> supportedMech = response.supportedMech();
        if (!firstReplySeen) {
            firstReplySeen = true;
            Mechanism chosen = supportedMech.isPresent() ? offered(supportedMech.get()) : selectedMechanism;
            if (chosen != selectedMechanism) {
                select(chosen);
                out = started.get(chosen).initialToken();
                switched = true;
            }
            peerMicRequired = chosen != firstOffered;
            mechListMic = new MechListMic(selected, selectedMechanism, mechTypeList);
            closeUnselected();
        } else if (supportedMech.isPresent() && offered(supportedMech.get()) != selectedMechanism) {
            throw new SpnegoException(Reason.PROTOCOL_VIOLATION, "The acceptor switched from "
                    + selectedMechanism.displayName() + " to " + supportedMech.get() + " in the middle of the exchange");
        }
        if (state == NegState.REQUEST_MIC) {
            peerMicRequired = true;
        }
        boolean acceptorCompleted = state == NegState.ACCEPT_COMPLETED;
        if (!switched && responseToken != null) {
            if (selected.isEstablished()) {
                throw new SpnegoException(Reason.PROTOCOL_VIOLATION, "The acceptor sent a " + selectedMechanism.displayName()
                        + " token after that exchange was complete");
            }
            out = nonEmpty(selected.step(responseToken));
        }
        if (peerMic != null) {
            mechListMic.verify(peerMic);
        }
        byte[] outMic = null;
        boolean wantMic = peerMicRequired || mechListMic.received() || selectedMechanism == Mechanism.NTLM;
        if (selected.isEstablished() && wantMic && !mechListMic.sent() && !acceptorCompleted) {
            outMic = mechListMic.produce();
        }
        if (acceptorCompleted) {
            return complete(out);
        }
        if (selected.isEstablished() && mechListMic.sent() && mechListMic.received()) {
            established = true;
            return new NegTokenResp(NegState.ACCEPT_COMPLETED, null, out, outMic).encode();
        }
        if (out == null && outMic == null) {
            throw new SpnegoException(Reason.PROTOCOL_VIOLATION, "The acceptor answered "
                    + (state == null ? "without negState" : state.asn1Name()) + " but gave " + selectedMechanism.displayName()
                    + " nothing to continue with");
        }
        return new NegTokenResp(NegState.ACCEPT_INCOMPLETE, null, out, outMic).encode();
    }

    private byte[] complete(byte[] out) throws SpnegoException {
        String mech = selectedMechanism.displayName();
        if (!selected.isEstablished()) {
            throw new SpnegoException(Reason.PROTOCOL_VIOLATION,
                    "The acceptor reported accept-completed but the " + mech + " exchange is not complete");
        }
        if (peerMicRequired && !mechListMic.received()) {
            throw new SpnegoException(Reason.MECH_LIST_MIC, "The acceptor completed without the mechListMIC that RFC 4178"
                    + " §5 requires when " + (selectedMechanism != firstOffered
                            ? mech + " was not the initiator's first choice" : "a MIC was requested")
                    + "; refusing the possibly downgraded negotiation");
        }
        if (out != null) {
            throw new SpnegoException(Reason.PROTOCOL_VIOLATION,
                    "The acceptor reported accept-completed but " + mech + " still has a token to send");
        }
        established = true;
        return null;
    }

    private SpnegoException rejected(byte[] responseToken) {
        String mech = selectedMechanism.displayName();
        if (responseToken != null && !selected.isEstablished()) {
            try {
                selected.step(responseToken);
            } catch (ProtocolException e) {
                return new SpnegoException(Reason.REJECTED, "The acceptor rejected the " + mech + " authentication: "
                        + e.getMessage(), e);
            }
        }
        if (!firstReplySeen) {
            return new SpnegoException(Reason.REJECTED, "The acceptor rejected SPNEGO at once: it accepts none of the"
                    + " offered mechanisms " + started.keySet().stream().map(Mechanism::displayName).toList()
                    + ", or refused the optimistic " + mech + " token");
        }
        return new SpnegoException(Reason.REJECTED, "The acceptor rejected the " + mech
                + " authentication (SPNEGO negState reject): check the user name, password and domain");
    }

    /** The offered mechanism an acceptor's supportedMech designates; the two Kerberos OIDs stand for each other. */
    private Mechanism offered(String oid) throws SpnegoException {
        Optional<Mechanism> mechanism = Mechanism.byOid(oid).flatMap(m -> KerberosOidAlias.resolve(m, started.keySet()));
        if (mechanism.isEmpty()) {
            throw new SpnegoException(Reason.PROTOCOL_VIOLATION, "The acceptor selected mechanism " + oid
                    + Mechanism.byOid(oid).map(m -> " (" + m.displayName() + ")").orElse("")
                    + ", which the initiator did not offer " + started.keySet().stream().map(Mechanism::displayName).toList());
        }
        return mechanism.get();
    }

    private void select(Mechanism mechanism) {
        selectedMechanism = mechanism;
        selected = started.get(mechanism).context();
    }

    private void closeUnselected() {
        for (Iterator<Map.Entry<Mechanism, Started>> it = started.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<Mechanism, Started> entry = it.next();
            if (entry.getKey() != selectedMechanism) {
                entry.getValue().context().close();
                it.remove();
            }
        }
    }

    private static byte[] nonEmpty(byte[] token) {
        return token == null || token.length == 0 ? null : token;
    }

    @Override
    public boolean isEstablished() {
        return established;
    }

    private SecurityContext negotiated() {
        if (!established || closed) {
            throw new IllegalStateException("SPNEGO context is " + (closed ? "closed" : "not established"));
        }
        return selected;
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

    @Override
    public String peerName() {
        return selected == null ? null : selected.peerName();
    }

    @Override
    public void close() {
        closed = true;
        for (Started s : started.values()) {
            s.context().close();
        }
        started.clear();
    }

    @Override
    public String toString() {
        return "SpnegoInitiatorContext[mechanism=" + negotiatedMechanism().displayName() + ", established=" + established
                + ", fallbacks=" + fallbackReasons.size() + "]";
    }
}
