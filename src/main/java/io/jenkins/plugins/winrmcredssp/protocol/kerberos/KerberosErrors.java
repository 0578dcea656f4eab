package io.jenkins.plugins.winrmcredssp.protocol.kerberos;

import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.PortUnreachableException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.ietf.jgss.GSSException;

/**
 * Turns what the JDK's Kerberos throws into a {@link KerberosException} that names the failure and what to check.
 *
 * <p>The JDK keeps the RFC 4120 §7.5.9 error code in {@code sun.security.krb5.KrbException}, a class of a package it
 * does not export; its message (also GSS's minor string) ends the code's text with {@code " (code)"}, which is what
 * is read here.
 */
final class KerberosErrors {
    private static final int KRB_ERR_GENERIC = 60;

    private static final Pattern ERROR_CODE = Pattern.compile("\\((\\d{1,3})\\)");

    /** Where the failure happened: the AS exchange (password login) or the TGS/AP exchange (GSS context). */
    enum Stage {
        LOGIN("Kerberos login"),
        CONTEXT("Kerberos authentication to the service"),
        ACCEPT("Kerberos acceptance of the client's token");

        final String text;

        Stage(String text) {
            this.text = text;
        }
    }

    private KerberosErrors() {
    }

    /**
     * @param client the client principal as sent (perhaps without realm), or {@code null} when unknown
     * @param spn    the service principal, or {@code null} before it is known
     */
    static KerberosException classify(Throwable error, Stage stage, String client, String spn) {
        int code = errorCode(error);
        String what = stage.text + (client == null ? "" : " for " + client) + (spn == null ? "" : " to " + spn)
                + " failed: ";
        String config = "Kerberos configuration " + Krb5Config.describeSource();
        switch (code) {
            case 24:
                return wrongPassword(what, "KDC_ERR_PREAUTH_FAILED, 24", error);
            case 31:
                // The KDC could not decrypt our encrypted timestamp (some KDCs, Kerby among them, answer 31 instead of
                // 24), or we could not decrypt its reply: either way the key derived from the password is wrong.
                if (stage == Stage.LOGIN) {
                    return wrongPassword(what, "KRB_AP_ERR_BAD_INTEGRITY, 31", error);
                }
                break;
            case 6:
                return new KerberosException(KerberosFailure.CLIENT_UNKNOWN, what + "the KDC does not know the user"
                        + " (KDC_ERR_C_PRINCIPAL_UNKNOWN, 6). Check the user name and its realm: write it as"
                        + " user@REALM, or set the realm option (DOMAIN\\user and bare names use default_realm of the "
                        + config + "); a local account of the target host cannot use Kerberos", error);
            case 7:
                return new KerberosException(KerberosFailure.SERVICE_UNKNOWN, what + "the KDC has no service principal "
                        + (spn == null ? "" : spn + " ") + "(KDC_ERR_S_PRINCIPAL_UNKNOWN, 7). List the SPNs of the"
                        + " target with `setspn -L <host>` (WinRM registers HTTP/<host> and HTTP/<fqdn>); connect with"
                        + " the name an SPN was registered for (usually the FQDN, not an IP address), or set the"
                        + " service class (e.g. WSMAN) or the SPN explicitly", error);
            case 14:
                return new KerberosException(KerberosFailure.CONFIGURATION, what + "no encryption type both sides"
                        + " support (KDC_ERR_ETYPE_NOSUPP, 14). Enable AES for the account (Active Directory:"
                        + " msDS-SupportedEncryptionTypes, \"This account supports Kerberos AES\") or list its"
                        + " types in default_tkt_enctypes/permitted_enctypes of the " + config, error);
            case 18:
                return new KerberosException(KerberosFailure.CLIENT_REVOKED, what + "the account is disabled, locked"
                        + " out or outside its logon hours (KDC_ERR_CLIENT_REVOKED, 18)", error);
            case 23:
                return new KerberosException(KerberosFailure.PASSWORD_EXPIRED, what + "the password has expired"
                        + " (KDC_ERR_KEY_EXPIRED, 23); change it first", error);
            case 37:
                return new KerberosException(KerberosFailure.CLOCK_SKEW, what + "clock skew too great"
                        + " (KRB_AP_ERR_SKEW, 37): this machine's clock and the KDC's (or the server's) differ by more"
                        + " than the allowed skew (5 minutes by default). Synchronize the time (NTP / w32time) on"
                        + " both sides", error);
            case 41:
                return serviceKeyMismatch(what, "KRB_AP_ERR_MODIFIED, 41", error);
            case 44:
                return serviceKeyMismatch(what, "KRB_AP_ERR_BADKEYVER, 44", error);
            case 68:
                return new KerberosException(KerberosFailure.NO_REALM, what + "wrong realm (KDC_ERR_WRONG_REALM, 68):"
                        + " the user or the service belongs to another realm; write the user as user@REALM", error);
            default:
                break;
        }
        if (code < 0 && stage == Stage.ACCEPT && causedBy(error, "sun.security.krb5.KrbCryptoException")) {
            // The JDK's acceptor reports a ticket its keys cannot decrypt as a bare "Checksum failed".
            return serviceKeyMismatch(what, "checksum failed", error);
        }
        // The JDK reports configuration and network trouble without a KDC error code, or as KRB_ERR_GENERIC (60,
        // RFC 4120 §7.5.9), e.g. "Cannot locate KDC (60)" when no KDC is known for the realm.
        if (code < 0 || code == KRB_ERR_GENERIC) {
            KerberosException network = networkFailure(error, what, config);
            if (network != null) {
                return network;
            }
            String text = messages(error).toLowerCase(Locale.ROOT);
            if (text.contains("default realm")) {
                return new KerberosException(KerberosFailure.NO_REALM, what + "no Kerberos realm: the user name has"
                        + " none and there is no default_realm in [libdefaults] of the " + config + ". Write the user"
                        + " as user@REALM, set the realm option, or configure default_realm (or give a krb5.conf)",
                        error);
            }
            if (text.contains("locate kdc") || text.contains("kdc for realm")) {
                return new KerberosException(KerberosFailure.NO_REALM, what + "no KDC is known for the realm: add"
                        + " kdc = <host> to its entry in [realms] of the " + config + " (or enable dns_lookup_kdc"
                        + " with SRV records _kerberos._tcp.<realm>)", error);
            }
        }
        String detail = error.getMessage() == null ? error.getClass().getSimpleName() : error.getMessage();
        return new KerberosException(KerberosFailure.PROTOCOL, what + detail
                + (code >= 0 ? " (Kerberos error " + code + ", RFC 4120 §7.5.9)" : ""), error);
    }

    private static KerberosException serviceKeyMismatch(String what, String code, Throwable error) {
        return new KerberosException(KerberosFailure.SERVICE_KEY_MISMATCH, what + "the service cannot decrypt its"
                + " ticket (" + code + "): the service principal is registered on another account too (find duplicates"
                + " with `setspn -X`) or the service's keytab is out of date (export it again)", error);
    }

    private static boolean causedBy(Throwable error, String className) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t.getClass().getName().equals(className)) {
                return true;
            }
        }
        return false;
    }

    private static KerberosException wrongPassword(String what, String code, Throwable error) {
        return new KerberosException(KerberosFailure.WRONG_PASSWORD, what
                + "pre-authentication failed: wrong password (" + code + "). Check the password; repeated failures"
                + " may lock the account", error);
    }

    /** The RFC 4120 error code carried by the JDK's exceptions in {@code error}'s causes, or -1. */
    static int errorCode(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            String text = null;
            if (t instanceof GSSException gss) {
                text = gss.getMinorString();
            } else if (t.getClass().getName().startsWith("sun.security.krb5.")) {
                text = t.getMessage();
            }
            if (text != null) {
                Matcher m = ERROR_CODE.matcher(text);
                if (m.find()) {
                    return Integer.parseInt(m.group(1));
                }
            }
        }
        return -1;
    }

    private static KerberosException networkFailure(Throwable error, String what, String config) {
        String check = " Check the kdc entries of the realm in [realms] of the " + config + " (or the DNS SRV"
                + " records), that the KDC runs, and that port 88 (TCP and UDP) is open. The wait is bounded by"
                + " kdc_timeout × max_retries per KDC in that file";
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof SocketTimeoutException) {
                return new KerberosException(KerberosFailure.KDC_UNREACHABLE, what + "the KDC did not answer in time ("
                        + t.getMessage() + ")." + check, error);
            }
            if (t instanceof ConnectException || t instanceof PortUnreachableException
                    || t instanceof NoRouteToHostException || t instanceof UnknownHostException) {
                return new KerberosException(KerberosFailure.KDC_UNREACHABLE, what + "the KDC cannot be reached ("
                        + t.getClass().getSimpleName() + ": " + t.getMessage() + ")." + check, error);
            }
        }
        return null;
    }

    private static String messages(Throwable error) {
        StringBuilder all = new StringBuilder();
        for (Throwable t = error; t != null; t = t.getCause()) {
            all.append(t.getMessage()).append('\n');
        }
        return all.toString();
    }
}
