package io.jenkins.plugins.winrmcredssp.protocol.wsman.http;

import io.jenkins.plugins.winrmcredssp.protocol.ProtocolException;

/** An HTTP-level failure talking to a WinRM listener, with what to do about it when known. */
public class WinRmHttpException extends ProtocolException {
    private static final long serialVersionUID = 1L;

    public WinRmHttpException(String message) {
        super(message);
    }

    public WinRmHttpException(String message, Throwable cause) {
        super(message, cause);
    }

    /** A 401 that does not offer CredSSP. */
    static WinRmHttpException credSspDisabled(String endpoint, String offered) {
        return new WinRmHttpException("The WinRM service at " + endpoint + " has CredSSP authentication disabled"
                + " (it offers only: " + (offered.isEmpty() ? "nothing" : offered) + "). Enable it on that host with"
                + " `winrm set winrm/config/service/auth @{CredSSP=\"true\"}` (or the Group Policy \"Allow CredSSP"
                + " authentication\" for the WinRM service)");
    }

    /** Nothing listens at the endpoint's port. */
    static WinRmHttpException listenerMissing(String endpoint, boolean https, int port, Throwable cause) {
        String fix = https
                ? "create the HTTPS listener on that host with `winrm quickconfig -transport:https` (port 5986 by default)"
                : "create the HTTP listener on that host with `winrm quickconfig` (port 5985 by default)";
        return new WinRmHttpException("Connection refused by " + endpoint + ": no WinRM " + (https ? "HTTPS" : "HTTP")
                + " listener on port " + port + "; " + fix + ", and check the firewall", cause);
    }

    /** The HTTPS listener's TLS handshake failed (certificate not trusted, name mismatch, no shared protocol). */
    static WinRmHttpException httpsFailed(String endpoint, HttpsTrust trust, Throwable cause) {
        return new WinRmHttpException("HTTPS handshake with the WinRM listener at " + endpoint + " failed (" + cause
                + "); the certificate was checked against: " + trust + ". Give the CA certificate (PEM), pin the"
                + " certificate's SHA-256 thumbprint, or (only for tests) disable validation", cause);
    }
}
