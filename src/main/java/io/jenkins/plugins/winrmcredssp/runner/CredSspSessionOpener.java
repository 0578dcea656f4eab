package io.jenkins.plugins.winrmcredssp.runner;

import io.jenkins.plugins.winrmcredssp.WinRmConnectionOptions;
import io.jenkins.plugins.winrmcredssp.protocol.auth.UserCredentials;
import io.jenkins.plugins.winrmcredssp.protocol.wsman.ShellOptions;
import io.jenkins.plugins.winrmcredssp.protocol.wsman.WinRmShell;
import io.jenkins.plugins.winrmcredssp.protocol.wsman.http.AuthMechanism;
import io.jenkins.plugins.winrmcredssp.protocol.wsman.http.HttpsTrust;
import io.jenkins.plugins.winrmcredssp.protocol.wsman.http.SessionInfo;
import io.jenkins.plugins.winrmcredssp.protocol.wsman.http.WinRmConnection;
import io.jenkins.plugins.winrmcredssp.protocol.wsman.http.WinRmCredSspClient;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Opens sessions with the CredSSP HTTP transport ({@link WinRmCredSspClient}): the plugin's production opener.
 * Authentication happens with the first operation (the shell's creation).
 */
public final class CredSspSessionOpener implements WinRmSessionOpener {
    private static final long serialVersionUID = 1L;

    @Override
    public WinRmSession open(WinRmConnectionOptions options, String username, char[] password) throws IOException {
        UserCredentials credentials;
        try {
            credentials = UserCredentials.parse(username, password);
        } catch (IllegalArgumentException e) {
            throw new IOException("invalid user name '" + username + "': " + e.getMessage(), e);
        }
        WinRmConnection.Builder connection = WinRmConnection.builder(URI.create(options.endpoint()), credentials)
                .mechanism(AuthMechanism.valueOf(options.authMechanism().name()))
                .minimumCredSspVersion(options.minCredSspVersion());
        options.spn().ifPresent(connection::spn);
        Path caFile = null;
        try {
            if (options.caCertificatesPem().isPresent()) {
                caFile = Files.createTempFile("winrm-ca", ".pem");
                Files.writeString(caFile, options.caCertificatesPem().get(), StandardCharsets.US_ASCII);
            }
            connection.httpsTrust(httpsTrust(options, caFile));
            // the trust material is read here, when the HTTP client is set up
            return new Session(WinRmCredSspClient.connect(connection.build()));
        } finally {
            if (caFile != null) {
                Files.deleteIfExists(caFile);
            }
        }
    }

    private static HttpsTrust httpsTrust(WinRmConnectionOptions options, Path caFile) throws IOException {
        if (options.skipCertificateVerification()) {
            return HttpsTrust.insecure();
        }
        if (options.certificateThumbprint().isPresent()) {
            String thumbprint = options.certificateThumbprint().get();
            if (thumbprint.length() != 64) {
                throw new IOException("The certificate thumbprint " + thumbprint + " is a SHA-1 hash; pin the"
                        + " certificate by its SHA-256 hash (64 hex digits), e.g. on the host: (Get-Item"
                        + " Cert:\\LocalMachine\\My\\" + thumbprint + ").GetCertHashString('SHA256')");
            }
            return HttpsTrust.thumbprint(thumbprint);
        }
        return caFile != null ? HttpsTrust.caCertificate(caFile) : HttpsTrust.jvmDefault();
    }

    private static final class Session implements WinRmSession {
        private final WinRmCredSspClient client;

        Session(WinRmCredSspClient client) {
            this.client = client;
        }

        @Override
        public WinRmShell openShell(ShellOptions options) throws IOException {
            return client.openShell(options);
        }

        @Override
        public String negotiated() {
            return client.sessionInfo().map(SessionInfo::describe).orElse("");
        }

        @Override
        public void close() throws IOException {
            client.close();
        }
    }
}
