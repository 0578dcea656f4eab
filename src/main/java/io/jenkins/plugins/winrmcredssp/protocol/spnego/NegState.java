package io.jenkins.plugins.winrmcredssp.protocol.spnego;

import io.jenkins.plugins.winrmcredssp.protocol.codec.MalformedTokenException;

/** The negState ENUMERATED of NegTokenResp, RFC 4178 §4.2.2. */
public enum NegState {
    ACCEPT_COMPLETED(0, "accept-completed"),
    ACCEPT_INCOMPLETE(1, "accept-incomplete"),
    REJECT(2, "reject"),
    REQUEST_MIC(3, "request-mic");

    private final int value;
    private final String asn1Name;

    NegState(int value, String asn1Name) {
        this.value = value;
        this.asn1Name = asn1Name;
    }

    public int value() {
        return value;
    }

    /** The name RFC 4178 gives the value, e.g. {@code accept-incomplete}. */
    public String asn1Name() {
        return asn1Name;
    }

    static NegState of(int value) throws MalformedTokenException {
        for (NegState state : values()) {
            if (state.value == value) {
                return state;
            }
        }
        throw new MalformedTokenException("SPNEGO NegTokenResp: negState " + value + " is not one of 0..3 (RFC 4178 §4.2.2)");
    }
}
