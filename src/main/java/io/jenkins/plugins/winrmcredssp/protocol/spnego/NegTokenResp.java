package io.jenkins.plugins.winrmcredssp.protocol.spnego;

import io.jenkins.plugins.winrmcredssp.protocol.codec.Der;
import io.jenkins.plugins.winrmcredssp.protocol.codec.DerValue;
import io.jenkins.plugins.winrmcredssp.protocol.codec.MalformedTokenException;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;

/**
 * Every SPNEGO token after the initiator's first, in both directions, RFC 4178 §4.2.2. Immutable.
 *
 * <pre>
 * NegTokenResp ::= SEQUENCE {
 *     negState       [0] ENUMERATED { accept-completed(0), accept-incomplete(1), reject(2), request-mic(3) } OPTIONAL,
 *     supportedMech  [1] MechType      OPTIONAL,
 *     responseToken  [2] OCTET STRING  OPTIONAL,
 *     mechListMIC    [3] OCTET STRING  OPTIONAL,
 *     ...
 * }
 * </pre>
 */
public final class NegTokenResp implements NegotiationToken {
    private final NegState negState;
    private final String supportedMech;
    private final byte[] responseToken;
    private final byte[] mechListMic;

    /**
     * All arguments may be null (field absent).
     *
     * @throws IllegalArgumentException when supportedMech is not a dotted-decimal OID
     */
    public NegTokenResp(NegState negState, String supportedMech, byte[] responseToken, byte[] mechListMic) {
        if (supportedMech != null) {
            NegTokenInit.mechType(supportedMech);
        }
        this.negState = negState;
        this.supportedMech = supportedMech;
        this.responseToken = responseToken == null ? null : responseToken.clone();
        this.mechListMic = mechListMic == null ? null : mechListMic.clone();
    }

    /** {@code negState reject} and nothing else: what an acceptor answers when it cannot go on. */
    public static NegTokenResp reject() {
        return new NegTokenResp(NegState.REJECT, null, null, null);
    }

    static NegTokenResp decode(DerValue sequence) throws MalformedTokenException {
        NegState state = null;
        String mech = null;
        byte[] token = null;
        byte[] mic = null;
        for (TaggedFields.Field field : TaggedFields.of(sequence, "NegTokenResp", 3)) {
            DerValue value = field.value();
            switch (field.tag()) {
                case 0 -> state = NegState.of(value.expect(Der.ENUMERATED, "NegTokenResp.negState").intValue("NegTokenResp.negState"));
                case 1 -> mech = value.oid("NegTokenResp.supportedMech");
                case 2 -> token = value.octetString("NegTokenResp.responseToken");
                default -> mic = value.octetString("NegTokenResp.mechListMIC");
            }
        }
        return new NegTokenResp(state, mech, token, mic);
    }

    @Override
    public byte[] encode() {
        return Der.explicit(1, Der.sequence(
                negState == null ? null : Der.explicit(0, Der.enumerated(negState.value())),
                supportedMech == null ? null : Der.explicit(1, Der.oid(supportedMech)),
                Der.explicit(2, Der.octetString(responseToken)),
                Der.explicit(3, Der.octetString(mechListMic))));
    }

    public Optional<NegState> negState() {
        return Optional.ofNullable(negState);
    }

    /** The mechanism OID the acceptor selected; RFC 4178 §4.2.2 sends it only in the acceptor's first reply. */
    public Optional<String> supportedMech() {
        return Optional.ofNullable(supportedMech);
    }

    public Optional<byte[]> responseToken() {
        return Optional.ofNullable(responseToken).map(byte[]::clone);
    }

    public Optional<byte[]> mechListMic() {
        return Optional.ofNullable(mechListMic).map(byte[]::clone);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof NegTokenResp other && negState == other.negState
                && Objects.equals(supportedMech, other.supportedMech)
                && Arrays.equals(responseToken, other.responseToken) && Arrays.equals(mechListMic, other.mechListMic);
    }

    @Override
    public int hashCode() {
        return Objects.hash(negState, supportedMech, Arrays.hashCode(responseToken), Arrays.hashCode(mechListMic));
    }

    @Override
    public String toString() {
        return "NegTokenResp[negState=" + (negState == null ? "absent" : negState.asn1Name()) + ", supportedMech="
                + supportedMech + ", responseToken=" + NegTokenInit.length(responseToken) + ", mechListMIC="
                + NegTokenInit.length(mechListMic) + "]";
    }
}
