package io.jenkins.plugins.winrmcredssp.protocol.auth;

import java.util.Optional;

/** Security mechanisms by their GSS-API object identifiers. */
public enum Mechanism {
    /** SPNEGO, RFC 4178 §4.1. */
    SPNEGO("1.3.6.1.5.5.2", "SPNEGO"),
    /** Kerberos V5, RFC 4121 §1. */
    KERBEROS("1.2.840.113554.1.2.2", "Kerberos"),
    /** The OID Windows 2000 used for Kerberos in SPNEGO by mistake; still offered and accepted (MS-SPNG §3.1.5.2). */
    KERBEROS_MS_LEGACY("1.2.840.48018.1.2.2", "Kerberos (MS legacy OID)"),
    /** NTLMSSP, MS-NLMP §1.9. */
    NTLM("1.3.6.1.4.1.311.2.2.10", "NTLM");

    private final String oid;
    private final String displayName;

    Mechanism(String oid, String displayName) {
        this.oid = oid;
        this.displayName = displayName;
    }

    public String oid() {
        return oid;
    }

    public String displayName() {
        return displayName;
    }

    public static Optional<Mechanism> byOid(String oid) {
        for (Mechanism m : values()) {
            if (m.oid.equals(oid)) {
                return Optional.of(m);
            }
        }
        return Optional.empty();
    }
}
