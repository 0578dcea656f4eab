package io.jenkins.plugins.winrmcredssp.protocol.cli;

import io.jenkins.plugins.winrmcredssp.protocol.credssp.CredSspException;
import io.jenkins.plugins.winrmcredssp.protocol.credssp.CredSspStage;
import io.jenkins.plugins.winrmcredssp.protocol.wsman.WsmanFaultException;
import java.net.SocketTimeoutException;

/**
 * Turns a client-side failure into the CLI's exit status and the one stderr line that names the failed stage and
 * its cause (messages of the protocol stack never contain the password).
 */
public record FailureReport(int exitStatus, String line) {
    static final String PREFIX = "winrm-credssp: ";

    public static FailureReport of(Throwable failure) {
        if (failure instanceof StageFailure stage) {
            return new FailureReport(stage.exitStatus(), PREFIX + stage.stage() + " failed: " + cause(stage.getCause()));
        }
        if (failure instanceof CredSspException credSsp) {
            int status = credSsp.stage() == CredSspStage.TLS_HANDSHAKE ? ExitStatus.CONNECTION : ExitStatus.AUTHENTICATION;
            return new FailureReport(status, PREFIX + "authentication failed: " + oneLine(credSsp.getMessage()));
        }
        if (failure instanceof WsmanFaultException fault) {
            return new FailureReport(ExitStatus.REMOTE_FAILURE, PREFIX + "WS-Management fault: " + oneLine(fault.getMessage()));
        }
        if (failure instanceof SocketTimeoutException) {
            return new FailureReport(ExitStatus.REMOTE_FAILURE, PREFIX + "remote command failed: the server did not answer in time");
        }
        return new FailureReport(ExitStatus.REMOTE_FAILURE, PREFIX + "remote command failed: " + cause(failure));
    }

    /** JDK exceptions (ConnectException, UnknownHostException, SSLHandshakeException) keep their type name. */
    private static String cause(Throwable failure) {
        String message = failure.getMessage();
        if (message == null || message.isBlank()) {
            return failure.getClass().getSimpleName();
        }
        return oneLine(failure.getClass().getName().startsWith("java") && failure.getClass() != java.io.IOException.class
                ? failure.getClass().getSimpleName() + ": " + message
                : message);
    }

    private static String oneLine(String text) {
        return text.replaceAll("\\s*[\\r\\n]+\\s*", " ").strip();
    }
}
