package io.jenkins.plugins.winrmcredssp.protocol.spnego;

import io.jenkins.plugins.winrmcredssp.protocol.codec.Der;
import io.jenkins.plugins.winrmcredssp.protocol.codec.DerValue;
import io.jenkins.plugins.winrmcredssp.protocol.codec.MalformedTokenException;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;

/**
 * The negHints of MS-SPNG's NegTokenInit2 (MS-SPNG §2.2.1), sent by a server that speaks first. Windows puts the fixed
 * hintName {@code not_defined_in_RFC4178@please_ignore} there; a client ignores it.
 *
 * <pre>
 * NegHints ::= SEQUENCE {
 *     hintName    [0] GeneralString OPTIONAL,
 *     hintAddress [1] OCTET STRING  OPTIONAL
 * }
 * </pre>
 */
public final class NegHints {
    private final String hintName;
    private final byte[] hintAddress;

    public NegHints(String hintName, byte[] hintAddress) {
        this.hintName = hintName;
        this.hintAddress = hintAddress == null ? null : hintAddress.clone();
    }

    public Optional<String> hintName() {
        return Optional.ofNullable(hintName);
    }

    public Optional<byte[]> hintAddress() {
        return Optional.ofNullable(hintAddress).map(byte[]::clone);
    }

    byte[] encode() {
        return Der.sequence(
                hintName == null ? null : Der.explicit(0, Der.generalString(hintName)),
                Der.explicit(1, Der.octetString(hintAddress)));
    }

    static NegHints decode(DerValue sequence) throws MalformedTokenException {
        String name = null;
        byte[] address = null;
        for (TaggedFields.Field field : TaggedFields.of(sequence, "negHints", 1)) {
            switch (field.tag()) {
                case 0 -> name = field.value().generalString("negHints.hintName");
                case 1 -> address = field.value().octetString("negHints.hintAddress");
                default -> { }
            }
        }
        return new NegHints(name, address);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof NegHints other && Objects.equals(hintName, other.hintName)
                && Arrays.equals(hintAddress, other.hintAddress);
    }

    @Override
    public int hashCode() {
        return Objects.hash(hintName, Arrays.hashCode(hintAddress));
    }

    @Override
    public String toString() {
        return "NegHints[hintName=" + hintName + ", hintAddress=" + (hintAddress == null ? "absent" : hintAddress.length + " bytes") + "]";
    }
}
