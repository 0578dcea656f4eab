package io.jenkins.plugins.winrmcredssp.protocol.credssp;

import io.jenkins.plugins.winrmcredssp.protocol.codec.Der;
import io.jenkins.plugins.winrmcredssp.protocol.codec.DerValue;
import io.jenkins.plugins.winrmcredssp.protocol.codec.MalformedTokenException;
import java.util.Arrays;
import java.util.List;
import javax.security.auth.Destroyable;

/**
 * The credentials the client delegates, MS-CSSP §2.2.1.2:
 *
 * <pre>
 * TSCredentials ::= SEQUENCE {
 *     credType    [0] INTEGER,       -- 1: TSPasswordCreds, 2: TSSmartCardCreds, 6: TSRemoteGuardCreds
 *     credentials [1] OCTET STRING   -- the DER encoding of the structure credType names
 * }
 * </pre>
 *
 * The credentials bytes are secret: wiped by {@link #destroy()}, never shown by {@link #toString()}.
 */
public final class TsCredentials implements Destroyable {
    /** credType of {@link TsPasswordCreds}. */
    public static final int PASSWORD = 1;

    private static final String WHAT = "CredSSP TSCredentials";

    private final int credType;
    private final byte[] credentials;
    private boolean destroyed;

    /** @param credentials copied; the caller wipes its own array */
    public TsCredentials(int credType, byte[] credentials) {
        this.credType = credType;
        this.credentials = credentials.clone();
    }

    /** TSCredentials of credType 1 carrying the given password credentials. */
    public static TsCredentials password(TsPasswordCreds creds) {
        byte[] encoded = creds.encode();
        try {
            return new TsCredentials(PASSWORD, encoded);
        } finally {
            Arrays.fill(encoded, (byte) 0);
        }
    }

    public int credType() {
        return credType;
    }

    /** Decodes the TSPasswordCreds this carries. */
    public TsPasswordCreds passwordCreds() throws MalformedTokenException {
        if (destroyed) {
            throw new IllegalStateException("TSCredentials were destroyed");
        }
        if (credType != PASSWORD) {
            throw new MalformedTokenException(WHAT + ": credType " + credType + " is not 1 (password)");
        }
        return TsPasswordCreds.decode(credentials);
    }

    /** DER encoding; secret, so the caller wipes it once it is wrapped. */
    public byte[] encode() {
        if (destroyed) {
            throw new IllegalStateException("TSCredentials were destroyed");
        }
        return SecretDer.tlv(Der.SEQUENCE,
                Der.explicit(0, Der.integer(credType)),
                SecretDer.tlv(Der.context(1), SecretDer.tlv(Der.OCTET_STRING, credentials.clone())));
    }

    /** Decodes; the caller wipes {@code encoded} afterwards. */
    public static TsCredentials decode(byte[] encoded) throws MalformedTokenException {
        List<DerValue> fields = DerValue.parse(encoded, WHAT).expect(Der.SEQUENCE, "TSCredentials").children();
        if (fields.size() != 2 || !fields.get(0).isContext(0) || !fields.get(1).isContext(1)) {
            throw new MalformedTokenException(WHAT + ": expected credType [0] and credentials [1]");
        }
        int credType = fields.get(0).explicitInner("credType").intValue("credType");
        byte[] credentials = fields.get(1).explicitInner("credentials").octetString("credentials");
        try {
            return new TsCredentials(credType, credentials);
        } finally {
            Arrays.fill(credentials, (byte) 0);
        }
    }

    @Override
    public void destroy() {
        Arrays.fill(credentials, (byte) 0);
        destroyed = true;
    }

    @Override
    public boolean isDestroyed() {
        return destroyed;
    }

    @Override
    public String toString() {
        return "TSCredentials[credType=" + credType + "]";
    }
}
