package io.jenkins.plugins.winrmcredssp.protocol.kerberos;

/**
 * Why a Kerberos exchange failed, with the RFC 4120 §7.5.9 error code where the KDC or the peer sent one.
 *
 * <p>{@link #kerberosUnavailable()} separates failures where Kerberos cannot work in this environment (no realm, no
 * KDC, no service principal, clocks apart, user unknown to the realm — a local account, say), after which an "auto"
 * mode may fall back to NTLM, from failures where Kerberos worked and said no (wrong password, disabled account),
 * after which a fallback would only repeat the rejection and count against account lockout.
 */
public enum KerberosFailure {
    /** KDC_ERR_PREAUTH_FAILED (24), or KRB_AP_ERR_BAD_INTEGRITY (31) on the AS reply: the password is wrong. */
    WRONG_PASSWORD(24, false),
    /** KDC_ERR_C_PRINCIPAL_UNKNOWN (6): the realm has no such user. */
    CLIENT_UNKNOWN(6, true),
    /** KDC_ERR_CLIENT_REVOKED (18): the account is disabled, locked out or outside its logon hours. */
    CLIENT_REVOKED(18, false),
    /** KDC_ERR_KEY_EXPIRED (23): the password has expired and must be changed. */
    PASSWORD_EXPIRED(23, false),
    /** KDC_ERR_S_PRINCIPAL_UNKNOWN (7): no account holds the service principal name asked for. */
    SERVICE_UNKNOWN(7, true),
    /**
     * KRB_AP_ERR_MODIFIED (41) or KRB_AP_ERR_BADKEYVER (44): the service cannot decrypt its ticket — the SPN belongs
     * to another account (duplicate SPN) or the service's keytab is out of date.
     */
    SERVICE_KEY_MISMATCH(41, true),
    /** KRB_AP_ERR_SKEW (37): this machine's clock and the KDC's or the server's are too far apart. */
    CLOCK_SKEW(37, true),
    /** No KDC answered: unreachable, refused, or silent for kdc_timeout × max_retries. */
    KDC_UNREACHABLE(-1, true),
    /** No realm to use (no default_realm) or no KDC known for the realm. */
    NO_REALM(-1, true),
    /** The JVM's Kerberos configuration cannot be used as asked (krb5.conf conflict, native GSS, bad keytab). */
    CONFIGURATION(-1, true),
    /** Anything else the KDC or the peer reported: a rejected or malformed token, a failed mutual authentication. */
    PROTOCOL(-1, false);

    private final int errorCode;
    private final boolean kerberosUnavailable;

    KerberosFailure(int errorCode, boolean kerberosUnavailable) {
        this.errorCode = errorCode;
        this.kerberosUnavailable = kerberosUnavailable;
    }

    /** The RFC 4120 §7.5.9 error code this failure stands for, or -1 when it has none. */
    public int errorCode() {
        return errorCode;
    }

    /** True when Kerberos cannot work here and another mechanism (NTLM) may be tried with the same credentials. */
    public boolean kerberosUnavailable() {
        return kerberosUnavailable;
    }
}
