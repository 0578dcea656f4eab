package io.jenkins.plugins.winrmcredssp.protocol.credssp;

import io.jenkins.plugins.winrmcredssp.protocol.codec.Der;
import io.jenkins.plugins.winrmcredssp.protocol.codec.DerValue;
import io.jenkins.plugins.winrmcredssp.protocol.codec.LittleEndianReader;
import io.jenkins.plugins.winrmcredssp.protocol.codec.LittleEndianWriter;
import io.jenkins.plugins.winrmcredssp.protocol.codec.MalformedTokenException;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import javax.security.auth.Destroyable;

/**
 * The delegated password, MS-CSSP §2.2.1.2.1:
 *
 * <pre>
 * TSPasswordCreds ::= SEQUENCE {
 *     domainName [0] OCTET STRING,   -- UTF-16LE
 *     userName   [1] OCTET STRING,   -- UTF-16LE
 *     password   [2] OCTET STRING    -- UTF-16LE
 * }
 * </pre>
 *
 * The password is held as a char array (never a String), copied out on request, wiped by {@link #destroy()}; the
 * encoding's intermediate buffers are wiped, and {@link #toString()} never shows it.
 */
public final class TsPasswordCreds implements Destroyable {
    private static final String WHAT = "CredSSP TSPasswordCreds";

    private final String domainName;
    private final String userName;
    private final char[] password;
    private boolean destroyed;

    /** @param password copied; the caller may wipe its own array */
    public TsPasswordCreds(String domainName, String userName, char[] password) {
        this.domainName = Objects.requireNonNull(domainName, "domainName");
        this.userName = Objects.requireNonNull(userName, "userName");
        this.password = Objects.requireNonNull(password, "password").clone();
    }

    public String domainName() {
        return domainName;
    }

    public String userName() {
        return userName;
    }

    /** A copy of the password; the caller should wipe it. */
    public char[] password() {
        if (destroyed) {
            throw new IllegalStateException("TSPasswordCreds were destroyed");
        }
        return password.clone();
    }

    /** DER encoding; it contains the password in clear, so the caller wipes it once it is wrapped. */
    public byte[] encode() {
        if (destroyed) {
            throw new IllegalStateException("TSPasswordCreds were destroyed");
        }
        return SecretDer.tlv(Der.SEQUENCE,
                SecretDer.tlv(Der.context(0), SecretDer.tlv(Der.OCTET_STRING, LittleEndianWriter.utf16le(domainName))),
                SecretDer.tlv(Der.context(1), SecretDer.tlv(Der.OCTET_STRING, LittleEndianWriter.utf16le(userName))),
                SecretDer.tlv(Der.context(2), SecretDer.tlv(Der.OCTET_STRING, SecretDer.utf16le(password))));
    }

    /** Decodes; the caller wipes {@code encoded} afterwards. */
    public static TsPasswordCreds decode(byte[] encoded) throws MalformedTokenException {
        List<DerValue> fields = DerValue.parse(encoded, WHAT).expect(Der.SEQUENCE, "TSPasswordCreds").children();
        if (fields.size() != 3) {
            throw new MalformedTokenException(WHAT + ": expected 3 fields, found " + fields.size());
        }
        byte[][] values = new byte[3][];
        String[] names = {"domainName", "userName", "password"};
        for (int i = 0; i < 3; i++) {
            if (!fields.get(i).isContext(i)) {
                throw new MalformedTokenException(WHAT + ": field " + i + " is not " + names[i] + " [" + i + "]");
            }
            values[i] = fields.get(i).explicitInner(names[i]).octetString(names[i]);
        }
        char[] password = null;
        try {
            if (values[2].length % 2 != 0) {
                throw new MalformedTokenException(WHAT + ": password has an odd number of UTF-16LE bytes");
            }
            password = SecretDer.utf16leChars(values[2]);
            return new TsPasswordCreds(LittleEndianReader.utf16le(values[0], WHAT + " domainName"),
                    LittleEndianReader.utf16le(values[1], WHAT + " userName"), password);
        } finally {
            Arrays.fill(values[2], (byte) 0);
            if (password != null) {
                Arrays.fill(password, '\0');
            }
        }
    }

    @Override
    public void destroy() {
        Arrays.fill(password, '\0');
        destroyed = true;
    }

    @Override
    public boolean isDestroyed() {
        return destroyed;
    }

    @Override
    public String toString() {
        return "TSPasswordCreds[" + (domainName.isEmpty() ? userName : domainName + "\\" + userName) + ", password=****]";
    }
}
