package io.jenkins.plugins.winrmcredssp.protocol.ntlm;

import java.util.Locale;

/**
 * The acceptor refused an AUTHENTICATE_MESSAGE. Carries the NTSTATUS a Windows server returns (MS-ERREF §2.3); the
 * message is what the client may see and does not reveal whether the user name or the password was wrong. The
 * reason for the server's own log is in {@link #serverDetail()}.
 */
public class NtlmAuthenticationException extends NtlmException {
    private static final long serialVersionUID = 1L;

    /** STATUS_LOGON_FAILURE: unknown user name or bad password. */
    public static final int STATUS_LOGON_FAILURE = 0xC000006D;

    private final int ntStatus;
    private final String serverDetail;

    public NtlmAuthenticationException(int ntStatus, String statusName, String serverDetail) {
        super("NTLM authentication failed: " + hex(ntStatus) + " " + statusName
                + " (the user name or password is incorrect)");
        this.ntStatus = ntStatus;
        this.serverDetail = serverDetail;
    }

    static NtlmAuthenticationException logonFailure(String serverDetail) {
        return new NtlmAuthenticationException(STATUS_LOGON_FAILURE, "STATUS_LOGON_FAILURE", serverDetail);
    }

    /** The NTSTATUS, e.g. {@code 0xC000006D}. */
    public int ntStatus() {
        return ntStatus;
    }

    /** What exactly failed, for the acceptor's log only (never sent to the client; contains no secret). */
    public String serverDetail() {
        return serverDetail;
    }

    static String hex(int status) {
        return String.format(Locale.ROOT, "0x%08X", status);
    }
}
