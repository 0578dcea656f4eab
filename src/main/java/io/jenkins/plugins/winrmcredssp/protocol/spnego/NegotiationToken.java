package io.jenkins.plugins.winrmcredssp.protocol.spnego;

import io.jenkins.plugins.winrmcredssp.protocol.auth.Mechanism;
import io.jenkins.plugins.winrmcredssp.protocol.codec.Der;
import io.jenkins.plugins.winrmcredssp.protocol.codec.DerValue;
import io.jenkins.plugins.winrmcredssp.protocol.codec.MalformedTokenException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * An SPNEGO token, RFC 4178 §4.2:
 *
 * <pre>
 * NegotiationToken ::= CHOICE {
 *     negTokenInit    [0] NegTokenInit,
 *     negTokenResp    [1] NegTokenResp
 * }
 * </pre>
 *
 * The initiator's first token (and a server's NegTokenInit2 hint) travels inside the GSS-API InitialContextToken
 * framing of RFC 2743 §3.1 ({@code [APPLICATION 0] { thisMech = 1.3.6.1.5.5.2, negTokenInit }}); every later token is
 * the bare {@code negTokenResp} choice.
 */
public sealed interface NegotiationToken permits NegTokenInit, NegTokenResp {

    /** The token as it goes on the wire (NegTokenInit with its InitialContextToken framing). */
    byte[] encode();

    /**
     * Decodes a token received from the peer. Strict DER (definite lengths, fields in order, no trailing bytes); any
     * defect is a {@link MalformedTokenException} naming the structure.
     */
    static NegotiationToken decode(byte[] token) throws MalformedTokenException {
        if (token == null || token.length == 0) {
            throw new MalformedTokenException("SPNEGO token: empty");
        }
        if (token.length >= 8 && new String(token, 0, 8, StandardCharsets.US_ASCII).equals("NTLMSSP\0")) {
            throw new MalformedTokenException("SPNEGO token: received a raw NTLMSSP message instead of SPNEGO; the peer"
                    + " speaks raw NTLM, so use the NTLM mechanism directly");
        }
        switch (token[0] & 0xFF) {
            case Der.APPLICATION_0:
                return decodeInitialContextToken(token);
            case 0xA1:
                return NegTokenResp.decode(DerValue.parse(token, "SPNEGO NegTokenResp").explicitInner("negTokenResp"));
            case 0xA0:
                throw new MalformedTokenException("SPNEGO token: a NegTokenInit without the InitialContextToken framing"
                        + " [APPLICATION 0] that RFC 2743 §3.1 and RFC 4178 §4.2 require");
            default:
                throw new MalformedTokenException("SPNEGO token: starts with DER tag 0x" + Integer.toHexString(token[0] & 0xFF)
                        + ", neither an InitialContextToken (0x60) nor a negTokenResp (0xa1)");
        }
    }

    private static NegotiationToken decodeInitialContextToken(byte[] token) throws MalformedTokenException {
        byte[] contents = DerValue.parse(token, "SPNEGO InitialContextToken").contents();
        DerValue thisMech = DerValue.parsePrefix(contents, "SPNEGO InitialContextToken");
        String oid = thisMech.oid("thisMech");
        if (!Mechanism.SPNEGO.oid().equals(oid)) {
            String name = Mechanism.byOid(oid).map(Mechanism::displayName).orElse("unknown mechanism");
            throw new MalformedTokenException("SPNEGO token: an InitialContextToken of " + name + " (" + oid
                    + ") where SPNEGO (" + Mechanism.SPNEGO.oid() + ") was expected; the peer did not use SPNEGO");
        }
        byte[] rest = Arrays.copyOfRange(contents, thisMech.encodedLength(), contents.length);
        DerValue choice = DerValue.parse(rest, "SPNEGO NegotiationToken");
        if (!choice.isContext(0)) {
            throw new MalformedTokenException("SPNEGO InitialContextToken: carries DER tag 0x"
                    + Integer.toHexString(choice.tag()) + " instead of negTokenInit [0]");
        }
        return NegTokenInit.decode(choice.explicitInner("negTokenInit"));
    }
}
