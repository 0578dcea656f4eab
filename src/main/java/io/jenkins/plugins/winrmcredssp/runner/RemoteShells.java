package io.jenkins.plugins.winrmcredssp.runner;

import io.jenkins.plugins.winrmcredssp.WinRmConnectionOptions;
import io.jenkins.plugins.winrmcredssp.protocol.wsman.ShellOptions;
import io.jenkins.plugins.winrmcredssp.protocol.wsman.WinRmShell;
import java.io.IOException;
import java.io.PrintStream;
import java.util.Locale;

/** What the command and copy runners share: the connection line for the log, and work in a fresh remote shell. */
final class RemoteShells {
    private RemoteShells() {
    }

    /** Work to do in a shell. */
    @FunctionalInterface
    interface ShellWork<T> {
        T run(WinRmShell shell) throws IOException;
    }

    /**
     * Opens a session and a shell, logs what was negotiated, does the work and deletes the shell (also when the work
     * fails), then closes the session.
     */
    static <T> T inShell(WinRmSessionOpener opener, WinRmConnectionOptions options, String username, char[] password,
            ShellOptions shellOptions, PrintStream log, ShellWork<T> work) throws IOException {
        try (WinRmSession session = opener.open(options, username, password);
                WinRmShell shell = session.openShell(shellOptions)) {
            String negotiated = session.negotiated();
            if (!negotiated.isEmpty()) {
                log.println("Negotiated " + negotiated);
            }
            return work.run(shell);
        }
    }

    /** "Connecting to ENDPOINT as USER with CredSSP (mechanism, version, server authentication)"; never a secret. */
    static String connecting(WinRmConnectionOptions options, String username) {
        StringBuilder s = new StringBuilder("Connecting to ").append(options.endpoint())
                .append(" as ").append(username)
                .append(" with CredSSP (inner authentication ").append(options.authMechanism().name().toLowerCase(Locale.ROOT))
                .append(", CredSSP version >= ").append(options.minCredSspVersion());
        options.spn().ifPresent(spn -> s.append(", SPN ").append(spn));
        return s.append(", ").append(serverAuthentication(options)).append(")").toString();
    }

    private static String serverAuthentication(WinRmConnectionOptions options) {
        if (options.transport() == WinRmConnectionOptions.Transport.HTTP) {
            return "HTTP with WinRM message encryption, server not authenticated by TLS";
        }
        if (options.skipCertificateVerification()) {
            return "HTTPS, certificate NOT verified";
        }
        if (options.certificateThumbprint().isPresent()) {
            return "HTTPS, certificate pinned by thumbprint";
        }
        return options.caCertificatesPem().isPresent()
                ? "HTTPS, certificate verified against the given CA certificates"
                : "HTTPS, certificate verified against the JVM trust store";
    }
}
