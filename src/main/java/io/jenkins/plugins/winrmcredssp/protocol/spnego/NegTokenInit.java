package io.jenkins.plugins.winrmcredssp.protocol.spnego;

import io.jenkins.plugins.winrmcredssp.protocol.auth.Mechanism;
import io.jenkins.plugins.winrmcredssp.protocol.codec.Der;
import io.jenkins.plugins.winrmcredssp.protocol.codec.DerValue;
import io.jenkins.plugins.winrmcredssp.protocol.codec.MalformedTokenException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The initiator's first SPNEGO token, RFC 4178 §4.2.1, or a server's NegTokenInit2 hint, MS-SPNG §2.2.1. Immutable.
 *
 * <pre>
 * NegTokenInit ::= SEQUENCE {                 NegTokenInit2 ::= SEQUENCE {
 *     mechTypes    [0] MechTypeList,              mechTypes    [0] MechTypeList  OPTIONAL,
 *     reqFlags     [1] ContextFlags OPTIONAL,     reqFlags     [1] ContextFlags  OPTIONAL,
 *     mechToken    [2] OCTET STRING OPTIONAL,     mechToken    [2] OCTET STRING  OPTIONAL,
 *     mechListMIC  [3] OCTET STRING OPTIONAL,     negHints     [3] NegHints      OPTIONAL,
 *     ...                                         mechListMIC  [4] OCTET STRING  OPTIONAL,
 * }                                               ... }
 * MechTypeList ::= SEQUENCE OF MechType       MechType ::= OBJECT IDENTIFIER
 * </pre>
 *
 * The two layouts differ only in field [3]; this class encodes NegTokenInit2 exactly when {@link #negHints()} is
 * present. An absent mechTypes decodes as an empty list.
 */
public final class NegTokenInit implements NegotiationToken {
    private final List<String> mechTypes;
    private final byte[] mechTypeList;
    private final Set<ContextFlag> reqFlags;
    private final byte[] mechToken;
    private final NegHints negHints;
    private final byte[] mechListMic;

    /**
     * @param mechTypes   mechanism OIDs (dotted decimal) in the initiator's order of preference
     * @param reqFlags    null to leave reqFlags out
     * @param mechToken   the optimistic token of {@code mechTypes.get(0)}, or null
     * @param negHints    non-null only for a server's NegTokenInit2
     * @param mechListMic or null
     * @throws IllegalArgumentException when an OID is not valid dotted decimal
     */
    public NegTokenInit(List<String> mechTypes, Set<ContextFlag> reqFlags, byte[] mechToken, NegHints negHints,
            byte[] mechListMic) {
        this(List.copyOf(mechTypes), encodeMechTypeList(mechTypes), reqFlags, mechToken, negHints, mechListMic);
    }

    private NegTokenInit(List<String> mechTypes, byte[] mechTypeList, Set<ContextFlag> reqFlags, byte[] mechToken,
            NegHints negHints, byte[] mechListMic) {
        this.mechTypes = mechTypes;
        this.mechTypeList = mechTypeList;
        this.reqFlags = reqFlags == null ? null : Collections.unmodifiableSet(
                reqFlags.isEmpty() ? EnumSet.noneOf(ContextFlag.class) : EnumSet.copyOf(reqFlags));
        this.mechToken = mechToken == null ? null : mechToken.clone();
        this.negHints = negHints;
        this.mechListMic = mechListMic == null ? null : mechListMic.clone();
    }

    /** The usual initiator token: mechanism list and optimistic token, nothing else. */
    public static NegTokenInit of(List<String> mechTypes, byte[] mechToken) {
        return new NegTokenInit(mechTypes, null, mechToken, null, null);
    }

    /**
     * DER of {@code MechTypeList}, the bytes the mechListMIC covers (RFC 4178 §5; MS-SPNG §3.1.5.1).
     *
     * @throws IllegalArgumentException when an OID is not valid dotted decimal
     */
    public static byte[] encodeMechTypeList(List<String> mechTypes) {
        byte[][] oids = new byte[mechTypes.size()][];
        for (int i = 0; i < oids.length; i++) {
            oids[i] = mechType(mechTypes.get(i));
        }
        return Der.sequence(oids);
    }

    /** DER of one MechType; rejects what is not a canonical dotted-decimal OID (X.690 §8.19.4: below arcs 0 and 1 the second arc is under 40). */
    static byte[] mechType(String oid) {
        Objects.requireNonNull(oid, "mechanism OID");
        boolean canonical = oid.matches("[0-2](\\.(0|[1-9][0-9]*))+");
        if (canonical && oid.charAt(0) != '2') {
            String second = oid.split("\\.")[1];
            canonical = second.length() <= 2 && Integer.parseInt(second) < 40;
        }
        if (!canonical) {
            throw new IllegalArgumentException("'" + oid + "' is not a dotted-decimal OBJECT IDENTIFIER");
        }
        return Der.oid(oid);
    }

    static NegTokenInit decode(DerValue sequence) throws MalformedTokenException {
        List<String> types = List.of();
        byte[] typeList = Der.sequence();
        Set<ContextFlag> flags = null;
        byte[] token = null;
        NegHints hints = null;
        byte[] mic = null;
        for (TaggedFields.Field field : TaggedFields.of(sequence, "NegTokenInit", 4)) {
            DerValue value = field.value();
            switch (field.tag()) {
                case 0 -> {
                    value.expect(Der.SEQUENCE, "NegTokenInit.mechTypes");
                    List<String> oids = new ArrayList<>();
                    for (DerValue oid : value.children()) {
                        oids.add(oid.oid("NegTokenInit.mechTypes"));
                    }
                    types = List.copyOf(oids);
                    typeList = value.encoded();
                }
                case 1 -> flags = ContextFlag.fromBits(value.bitString("NegTokenInit.reqFlags"));
                case 2 -> token = value.octetString("NegTokenInit.mechToken");
                case 3 -> {
                    if (value.tag() == Der.SEQUENCE) {
                        hints = NegHints.decode(value);
                    } else {
                        mic = value.octetString("NegTokenInit.mechListMIC");
                    }
                }
                default -> {
                    if (mic != null) {
                        throw new MalformedTokenException("SPNEGO NegTokenInit: mechListMIC in both [3] and [4]");
                    }
                    mic = value.octetString("NegTokenInit2.mechListMIC");
                }
            }
        }
        return new NegTokenInit(types, typeList, flags, token, hints, mic);
    }

    @Override
    public byte[] encode() {
        byte[] negTokenInit = Der.sequence(
                Der.explicit(0, mechTypeList),
                reqFlags == null ? null : Der.explicit(1, Der.tlv(Der.BIT_STRING, ContextFlag.toDerBitStringContents(reqFlags))),
                Der.explicit(2, Der.octetString(mechToken)),
                negHints == null ? Der.explicit(3, Der.octetString(mechListMic)) : Der.explicit(3, negHints.encode()),
                negHints == null ? null : Der.explicit(4, Der.octetString(mechListMic)));
        return Der.tlv(Der.APPLICATION_0, Der.concat(Der.oid(Mechanism.SPNEGO.oid()), Der.explicit(0, negTokenInit)));
    }

    /** Mechanism OIDs, most preferred first. */
    public List<String> mechTypes() {
        return mechTypes;
    }

    /** The DER MechTypeList as received (or as encoded), the input of the mechListMIC. */
    public byte[] mechTypeListEncoding() {
        return mechTypeList.clone();
    }

    public Optional<Set<ContextFlag>> reqFlags() {
        return Optional.ofNullable(reqFlags);
    }

    public Optional<byte[]> mechToken() {
        return Optional.ofNullable(mechToken).map(byte[]::clone);
    }

    public Optional<NegHints> negHints() {
        return Optional.ofNullable(negHints);
    }

    public Optional<byte[]> mechListMic() {
        return Optional.ofNullable(mechListMic).map(byte[]::clone);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof NegTokenInit other && mechTypes.equals(other.mechTypes)
                && Arrays.equals(mechTypeList, other.mechTypeList) && Objects.equals(reqFlags, other.reqFlags)
                && Arrays.equals(mechToken, other.mechToken) && Objects.equals(negHints, other.negHints)
                && Arrays.equals(mechListMic, other.mechListMic);
    }

    @Override
    public int hashCode() {
        return Objects.hash(mechTypes, reqFlags, Arrays.hashCode(mechToken), negHints, Arrays.hashCode(mechListMic));
    }

    @Override
    public String toString() {
        return "NegTokenInit[mechTypes=" + mechTypes + ", reqFlags=" + reqFlags + ", mechToken="
                + length(mechToken) + ", negHints=" + negHints + ", mechListMIC=" + length(mechListMic) + "]";
    }

    static String length(byte[] value) {
        return value == null ? "absent" : value.length + " bytes";
    }
}
