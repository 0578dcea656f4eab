package io.jenkins.plugins.winrmcredssp.protocol.credssp;

/**
 * The acceptor refused the client. {@link #tokenForClient()} holds the TLS bytes to send before closing: a TSRequest
 * with errorCode when the negotiated version has that field (3, 4, 6+; MS-CSSP §2.2.1), else a TLS close_notify.
 */
public final class CredSspAcceptorException extends CredSspException {
    private static final long serialVersionUID = 1L;

    private final long ntStatus;
    private final transient byte[] tokenForClient;

    CredSspAcceptorException(CredSspStage stage, int round, String message, long ntStatus, byte[] tokenForClient,
            Throwable cause) {
        super(stage, round, message + " (answered " + NtStatus.format(ntStatus) + ")", cause);
        this.ntStatus = ntStatus;
        this.tokenForClient = tokenForClient.clone();
    }

    /** The NTSTATUS reported to the client. */
    public long reportedStatus() {
        return ntStatus;
    }

    public byte[] tokenForClient() {
        return tokenForClient.clone();
    }
}
