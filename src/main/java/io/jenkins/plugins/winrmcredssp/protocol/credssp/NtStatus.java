package io.jenkins.plugins.winrmcredssp.protocol.credssp;

import java.util.Map;
import java.util.Optional;

/**
 * Names and fix hints for the NTSTATUS and SECURITY_STATUS codes a CredSSP server reports in TSRequest.errorCode
 * (MS-CSSP §2.2.1; codes from MS-ERREF §2.3.1 NTSTATUS and §2.1 HRESULT).
 */
public final class NtStatus {
    public static final long STATUS_LOGON_FAILURE = 0xC000006DL;
    public static final long SEC_E_INVALID_TOKEN = 0x80090308L;
    public static final long SEC_E_MESSAGE_ALTERED = 0x8009030FL;
    public static final long SEC_E_UNSUPPORTED_FUNCTION = 0x80090302L;

    private record Entry(String name, String hint) {
    }

    private static final Map<Long, Entry> CODES = Map.ofEntries(
            Map.entry(STATUS_LOGON_FAILURE, new Entry("STATUS_LOGON_FAILURE",
                    "the user name or password is wrong, or the account may not log on to this host")),
            Map.entry(0xC000006AL, new Entry("STATUS_WRONG_PASSWORD", "the password is wrong")),
            Map.entry(0xC0000064L, new Entry("STATUS_NO_SUCH_USER", "the account does not exist; check the user name and domain")),
            Map.entry(0xC0000234L, new Entry("STATUS_ACCOUNT_LOCKED_OUT",
                    "the account is locked out after too many failed logons; unlock it or wait for the lockout to expire")),
            Map.entry(0xC0000072L, new Entry("STATUS_ACCOUNT_DISABLED", "the account is disabled; enable it")),
            Map.entry(0xC0000193L, new Entry("STATUS_ACCOUNT_EXPIRED", "the account has expired; extend its expiry date")),
            Map.entry(0xC0000071L, new Entry("STATUS_PASSWORD_EXPIRED", "the password has expired; set a new one")),
            Map.entry(0xC0000224L, new Entry("STATUS_PASSWORD_MUST_CHANGE",
                    "the password must be changed before the first logon; change it interactively")),
            Map.entry(0xC000006FL, new Entry("STATUS_INVALID_LOGON_HOURS",
                    "the account's logon hours do not allow a logon now")),
            Map.entry(0xC0000070L, new Entry("STATUS_INVALID_WORKSTATION",
                    "the account may not log on from this workstation (userWorkstations)")),
            Map.entry(0xC000015BL, new Entry("STATUS_LOGON_TYPE_NOT_GRANTED",
                    "the account lacks the logon right the service needs (e.g. 'Access this computer from the network')")),
            Map.entry(0xC000005EL, new Entry("STATUS_NO_LOGON_SERVERS",
                    "the host cannot reach a domain controller to check the credentials")),
            Map.entry(0xC0000022L, new Entry("STATUS_ACCESS_DENIED", "access denied")),
            Map.entry(0xC000000DL, new Entry("STATUS_INVALID_PARAMETER", "the server rejected a malformed request")),
            Map.entry(0xC00000BBL, new Entry("STATUS_NOT_SUPPORTED", "the server does not support this request")),
            Map.entry(SEC_E_UNSUPPORTED_FUNCTION, new Entry("SEC_E_UNSUPPORTED_FUNCTION",
                    "the server refused the CredSSP version or mechanism; if it lacks the CVE-2018-0886 update, lower"
                            + " the minimum CredSSP version or update the server")),
            Map.entry(SEC_E_INVALID_TOKEN, new Entry("SEC_E_INVALID_TOKEN",
                    "the server could not parse an authentication token (e.g. it wants raw NTLM instead of SPNEGO)")),
            Map.entry(SEC_E_MESSAGE_ALTERED, new Entry("SEC_E_MESSAGE_ALTERED",
                    "a message failed its integrity check: something between client and server altered the traffic")),
            Map.entry(0x8009030CL, new Entry("SEC_E_LOGON_DENIED", "the logon was denied: check the user name and password")),
            Map.entry(0x8009030EL, new Entry("SEC_E_NO_CREDENTIALS", "no credentials are available to the security package")),
            Map.entry(0x80090311L, new Entry("SEC_E_NO_AUTHENTICATING_AUTHORITY",
                    "no authority could be contacted for authentication (domain controller unreachable)")),
            Map.entry(0x80090322L, new Entry("SEC_E_WRONG_PRINCIPAL",
                    "the target principal name is wrong (Kerberos SPN mismatch)")),
            Map.entry(0x80090324L, new Entry("SEC_E_TIME_SKEW",
                    "the clocks of client and server differ too much; synchronize them")),
            Map.entry(0x80090327L, new Entry("SEC_E_WRONG_CREDENTIAL_HANDLE", "the credentials do not fit the package")),
            Map.entry(0x80090350L, new Entry("SEC_E_DOWNGRADE_DETECTED", "a downgrade of the negotiation was detected")),
            Map.entry(0x80090304L, new Entry("SEC_E_INTERNAL_ERROR", "the server's security package failed internally")),
            Map.entry(0x80090305L, new Entry("SEC_E_SECPKG_NOT_FOUND", "the server does not have the security package")),
            Map.entry(0xC00700EAL, new Entry("HRESULT_FROM_NT(ERROR_MORE_DATA)",
                    "the server could not use the first authentication token: FreeRDP wants raw NTLMSSP (not SPNEGO)"
                            + " whose NEGOTIATE sets UNICODE, REQUEST_TARGET and NTLM")));

    private NtStatus() {
    }

    /** The symbolic name, e.g. {@code STATUS_LOGON_FAILURE}, if the code is a known one. */
    public static Optional<String> name(long code) {
        return Optional.ofNullable(CODES.get(code & 0xFFFFFFFFL)).map(Entry::name);
    }

    /** What the code usually means for the user and how to fix it, if known. */
    public static Optional<String> hint(long code) {
        return Optional.ofNullable(CODES.get(code & 0xFFFFFFFFL)).map(Entry::hint);
    }

    /** Unsigned hex with the name when known: {@code 0xC000006D STATUS_LOGON_FAILURE}. */
    public static String format(long code) {
        String hex = String.format("0x%08X", code & 0xFFFFFFFFL);
        return name(code).map(n -> hex + " " + n).orElse(hex);
    }

    /** {@link #format} followed by the hint when one is known. */
    public static String describe(long code) {
        return format(code) + hint(code).map(h -> " (" + h + ")").orElse("");
    }
}
