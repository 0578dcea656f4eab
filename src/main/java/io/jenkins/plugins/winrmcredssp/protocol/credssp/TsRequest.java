package io.jenkins.plugins.winrmcredssp.protocol.credssp;

import io.jenkins.plugins.winrmcredssp.protocol.codec.Der;
import io.jenkins.plugins.winrmcredssp.protocol.codec.DerValue;
import io.jenkins.plugins.winrmcredssp.protocol.codec.MalformedTokenException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.OptionalLong;

/**
 * The CredSSP message, MS-CSSP §2.2.1:
 *
 * <pre>
 * TSRequest ::= SEQUENCE {
 *     version     [0] INTEGER,
 *     negoTokens  [1] NegoData OPTIONAL,
 *     authInfo    [2] OCTET STRING OPTIONAL,
 *     pubKeyAuth  [3] OCTET STRING OPTIONAL,
 *     errorCode   [4] INTEGER OPTIONAL,     -- versions 3, 4 and 6+
 *     clientNonce [5] OCTET STRING OPTIONAL -- versions 5+
 * }
 * NegoData ::= SEQUENCE OF SEQUENCE { negoToken [0] OCTET STRING }   -- MS-CSSP §2.2.1.1
 * </pre>
 *
 * Immutable; byte arrays are copied in and out. {@code errorCode} is an NTSTATUS, kept as an unsigned 32-bit value and
 * encoded as the signed 32-bit INTEGER Windows and FreeRDP send.
 */
public final class TsRequest {
    private static final String WHAT = "CredSSP TSRequest";

    private final int version;
    private final List<byte[]> negoTokens;
    private final byte[] authInfo;
    private final byte[] pubKeyAuth;
    private final Long errorCode;
    private final byte[] clientNonce;

    private TsRequest(Builder b) {
        if (b.version < 1) {
            throw new IllegalArgumentException("TSRequest version " + b.version);
        }
        if (b.errorCode != null && (b.errorCode < 0 || b.errorCode > 0xFFFFFFFFL)) {
            throw new IllegalArgumentException("errorCode is not a 32-bit NTSTATUS");
        }
        version = b.version;
        List<byte[]> tokens = new ArrayList<>();
        for (byte[] token : b.negoTokens) {
            tokens.add(token.clone());
        }
        negoTokens = Collections.unmodifiableList(tokens);
        authInfo = copy(b.authInfo);
        pubKeyAuth = copy(b.pubKeyAuth);
        errorCode = b.errorCode;
        clientNonce = copy(b.clientNonce);
    }

    public static Builder builder(int version) {
        return new Builder(version);
    }

    public int version() {
        return version;
    }

    /** The negoToken of each NegoData entry, in order (copies). */
    public List<byte[]> negoTokens() {
        List<byte[]> out = new ArrayList<>(negoTokens.size());
        for (byte[] token : negoTokens) {
            out.add(token.clone());
        }
        return out;
    }

    /** The first negoToken, or null when there is none (CredSSP peers send at most one). */
    public byte[] negoToken() {
        return negoTokens.isEmpty() ? null : negoTokens.get(0).clone();
    }

    public byte[] authInfo() {
        return copy(authInfo);
    }

    public byte[] pubKeyAuth() {
        return copy(pubKeyAuth);
    }

    /** The NTSTATUS the peer reported, as an unsigned 32-bit value. */
    public OptionalLong errorCode() {
        return errorCode == null ? OptionalLong.empty() : OptionalLong.of(errorCode);
    }

    public byte[] clientNonce() {
        return copy(clientNonce);
    }

    public byte[] encode() {
        byte[] nego = null;
        if (!negoTokens.isEmpty()) {
            byte[][] entries = new byte[negoTokens.size()][];
            for (int i = 0; i < entries.length; i++) {
                entries[i] = Der.sequence(Der.explicit(0, Der.octetString(negoTokens.get(i))));
            }
            nego = Der.sequence(entries);
        }
        return Der.sequence(
                Der.explicit(0, Der.integer(version)),
                Der.explicit(1, nego),
                Der.explicit(2, Der.octetString(authInfo)),
                Der.explicit(3, Der.octetString(pubKeyAuth)),
                errorCode == null ? null : Der.explicit(4, Der.integer((int) errorCode.longValue())),
                Der.explicit(5, Der.octetString(clientNonce)));
    }

    public static TsRequest decode(byte[] encoded) throws MalformedTokenException {
        List<DerValue> fields = DerValue.parse(encoded, WHAT).expect(Der.SEQUENCE, "TSRequest").children();
        Builder b = null;
        int lastTag = -1;
        for (DerValue field : fields) {
            int n = field.tag() - Der.context(0);
            if (n < 0 || n > 5 || !field.isContext(n)) {
                throw new MalformedTokenException(WHAT + ": unexpected field with DER tag 0x" + Integer.toHexString(field.tag()));
            }
            if (n <= lastTag) {
                throw new MalformedTokenException(WHAT + ": field [" + n + "] out of order or repeated");
            }
            lastTag = n;
            if (n == 0) {
                int version = field.explicitInner("version").intValue("version");
                if (version < 1) {
                    throw new MalformedTokenException(WHAT + ": version " + version);
                }
                b = builder(version);
                continue;
            }
            if (b == null) {
                throw new MalformedTokenException(WHAT + ": version [0] missing");
            }
            switch (n) {
                case 1 -> {
                    for (DerValue entry : field.explicitInner("negoTokens").expect(Der.SEQUENCE, "NegoData").children()) {
                        DerValue tagged = entry.expect(Der.SEQUENCE, "NegoData entry").explicitInner("NegoData entry");
                        if (!tagged.isContext(0)) {
                            throw new MalformedTokenException(WHAT + ": NegoData entry without negoToken [0]");
                        }
                        b.negoToken(tagged.explicitInner("negoToken").octetString("negoToken"));
                    }
                }
                case 2 -> b.authInfo(field.explicitInner("authInfo").octetString("authInfo"));
                case 3 -> b.pubKeyAuth(field.explicitInner("pubKeyAuth").octetString("pubKeyAuth"));
                case 4 -> {
                    long code = field.explicitInner("errorCode").longValue("errorCode");
                    if (code < Integer.MIN_VALUE || code > 0xFFFFFFFFL) {
                        throw new MalformedTokenException(WHAT + ": errorCode is not a 32-bit NTSTATUS");
                    }
                    b.errorCode(code & 0xFFFFFFFFL);
                }
                default -> b.clientNonce(field.explicitInner("clientNonce").octetString("clientNonce"));
            }
        }
        if (b == null) {
            throw new MalformedTokenException(WHAT + ": version [0] missing");
        }
        return b.build();
    }

    private static byte[] copy(byte[] value) {
        return value == null ? null : value.clone();
    }

    /** Field presence only: tokens may be secrets (authInfo holds the encrypted credentials). */
    @Override
    public String toString() {
        StringBuilder s = new StringBuilder("TSRequest[version=").append(version);
        if (!negoTokens.isEmpty()) {
            s.append(", negoTokens=").append(negoTokens.size());
        }
        if (authInfo != null) {
            s.append(", authInfo");
        }
        if (pubKeyAuth != null) {
            s.append(", pubKeyAuth");
        }
        if (errorCode != null) {
            s.append(", errorCode=").append(NtStatus.format(errorCode));
        }
        if (clientNonce != null) {
            s.append(", clientNonce");
        }
        return s.append(']').toString();
    }

    /** Assembles a {@link TsRequest}; absent optional fields stay null. */
    public static final class Builder {
        private final int version;
        private final List<byte[]> negoTokens = new ArrayList<>();
        private byte[] authInfo;
        private byte[] pubKeyAuth;
        private Long errorCode;
        private byte[] clientNonce;

        private Builder(int version) {
            this.version = version;
        }

        public Builder negoToken(byte[] token) {
            if (token != null) {
                negoTokens.add(token);
            }
            return this;
        }

        public Builder authInfo(byte[] value) {
            authInfo = value;
            return this;
        }

        public Builder pubKeyAuth(byte[] value) {
            pubKeyAuth = value;
            return this;
        }

        /** @param ntStatus unsigned 32-bit NTSTATUS */
        public Builder errorCode(long ntStatus) {
            errorCode = ntStatus;
            return this;
        }

        public Builder clientNonce(byte[] value) {
            clientNonce = value;
            return this;
        }

        public TsRequest build() {
            return new TsRequest(this);
        }
    }
}
