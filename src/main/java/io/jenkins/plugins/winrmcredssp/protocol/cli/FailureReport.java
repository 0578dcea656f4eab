package io.jenkins.plugins.winrmcredssp.protocol.cli;

import io.jenkins.plugins.winrmcredssp.protocol.credssp.CredSspException;
import io.jenkins.plugins.winrmcredssp.protocol.credssp.CredSspStage;
import io.jenkins.plugins.winrmcredssp.protocol.transfer.FileTransferException;
import io.jenkins.plugins.winrmcredssp.protocol.wsman.WsmanFaultException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import javax.net.ssl.SSLException;

/**
 * Turns a client-side failure into the CLI's exit status and the one stderr line that names the failed stage and
 * its cause (messages of the protocol stack never contain the password).
 */
public record FailureReport(int exitStatus, String line) {
    static final String PREFIX = "winrm-credssp: ";

    public static FailureReport of(Throwable failure) {
        if (networkCause(failure)) {
            return new FailureReport(ExitStatus.CONNECTION, PREFIX + "connection failed: " + describe(failure));
        }
        if (failure instanceof CredSspException credSsp) {
            if (credSsp.stage() == CredSspStage.TLS_HANDSHAKE) {
                return new FailureReport(ExitStatus.CONNECTION, PREFIX + "connection failed: " + describe(failure));
            }
            return new FailureReport(ExitStatus.AUTHENTICATION, PREFIX + "authentication failed: " + describe(failure));
        }
        if (failure instanceof FileTransferException) {
            return new FailureReport(ExitStatus.REMOTE_FAILURE, PREFIX + describe(failure));
        }
        if (failure instanceof WsmanFaultException) {
            return new FailureReport(ExitStatus.REMOTE_FAILURE, PREFIX + "WS-Management fault: " + describe(failure));
        }
        return new FailureReport(ExitStatus.REMOTE_FAILURE, PREFIX + "remote command failed: " + describe(failure));
    }

    /** The failure, or what caused it, is the network or the outer TLS: nothing reached WinRM's authentication. */
    private static boolean networkCause(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof ConnectException || t instanceof UnknownHostException || t instanceof NoRouteToHostException
                    || (t instanceof SocketTimeoutException && t.getMessage() != null && t.getMessage().contains("connect"))) {
                return true;
            }
            if (t instanceof SSLException && !(failure instanceof CredSspException)) {
                return true;
            }
        }
        return false;
    }

    /** JDK exceptions (ConnectException, UnknownHostException, SSLHandshakeException) keep their type name. */
    private static String describe(Throwable failure) {
        String message = failure.getMessage();
        if (message == null || message.isBlank()) {
            return failure.getClass().getSimpleName();
        }
        return oneLine(failure.getClass().getName().startsWith("java") && failure.getClass() != IOException.class
                ? failure.getClass().getSimpleName() + ": " + message
                : message);
    }

    private static String oneLine(String text) {
        return text.replaceAll("\\s*[\\r\\n]+\\s*", " ").strip();
    }
}
