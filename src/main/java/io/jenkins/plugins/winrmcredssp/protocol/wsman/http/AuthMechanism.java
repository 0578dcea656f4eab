package io.jenkins.plugins.winrmcredssp.protocol.wsman.http;

/** The inner authentication CredSSP carries (MS-CSSP §3.1.5 step 2). */
public enum AuthMechanism {
    /** SPNEGO offering Kerberos first, NTLM when Kerberos is unavailable (no KDC, no realm, no ticket). */
    AUTO,
    /** Raw NTLMSSP, as pywinrm's CredSSP does. */
    NTLM,
    /** Kerberos only (inside SPNEGO), never NTLM. */
    KERBEROS
}
