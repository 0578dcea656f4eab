package io.jenkins.plugins.winrmcredssp.protocol.credssp;

import java.util.OptionalLong;

/**
 * The acceptor refused the client. {@link #tokenForClient()} holds the TLS bytes to send before closing: a TSRequest
 * with errorCode when the negotiated version has that field (3, 4, 6+; MS-CSSP §2.2.1), else a TLS alert
 * (close_notify, or the handshake failure's alert).
 */
public final class CredSspAcceptorException extends CredSspException {
    private static final long serialVersionUID = 1L;

    private final Long reportedStatus;
    private final transient byte[] tokenForClient;

    CredSspAcceptorException(CredSspStage stage, int round, String message, Long reportedStatus, byte[] tokenForClient,
            Throwable cause) {
        super(stage, round, reportedStatus == null ? message : message + " (answered " + NtStatus.format(reportedStatus)
                + ")", cause);
        this.reportedStatus = reportedStatus;
        this.tokenForClient = tokenForClient.clone();
    }

    /** The NTSTATUS sent to the client in TSRequest.errorCode, if one was. */
    public OptionalLong reportedStatus() {
        return reportedStatus == null ? OptionalLong.empty() : OptionalLong.of(reportedStatus);
    }

    public byte[] tokenForClient() {
        return tokenForClient.clone();
    }
}
