package io.jenkins.plugins.winrmcredssp.protocol.cli.demo;

import io.jenkins.plugins.winrmcredssp.protocol.auth.UserCredentials;
import io.jenkins.plugins.winrmcredssp.protocol.wsman.server.CredSspAuthenticator;
import io.jenkins.plugins.winrmcredssp.protocol.wsman.server.LocalWinRmService;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.util.HexFormat;
import java.util.List;

/**
 * The service {@code scripts/demo.sh} runs the CLI against: {@link LocalWinRmService} on loopback, HTTP (CredSSP with
 * message encryption) and HTTPS (self-signed), ephemeral ports, one account whose password comes from
 * {@code $WINRM_PASSWORD}. Prints {@code http=URL}, {@code https=URL}, {@code thumbprint=SHA256HEX} and
 * {@code ready}, then one line per set of credentials CredSSP delegates to it, until killed.
 * Usage: {@code DemoWinRmService DOMAIN\\user}.
 */
public final class DemoWinRmService {
    /**
     * Connections served at once per listener (LocalWinRmService refuses more by closing them): room for the 100
     * concurrent sessions of {@code scripts/bench.sh} (ConcurrentSessionsBenchmark, pywinrm's thread pool).
     */
    static final int MAX_CONNECTIONS = 256;

    private DemoWinRmService() {
    }

    public static void main(String[] args) throws IOException, InterruptedException, GeneralSecurityException {
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        String password = System.getenv("WINRM_PASSWORD");
        if (args.length != 1 || password == null || password.isEmpty()) {
            System.err.println("usage: WINRM_PASSWORD=... DemoWinRmService DOMAIN\\user");
            System.exit(2);
            return;
        }
        UserCredentials account = UserCredentials.parse(args[0], password.toCharArray());
        LocalWinRmService http = LocalWinRmService.builder().maxConnections(MAX_CONNECTIONS)
                .windowsAuthentication(account).start();
        LocalWinRmService https = LocalWinRmService.builder().https().maxConnections(MAX_CONNECTIONS)
                .windowsAuthentication(account).start();
        account.destroy();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            https.close();
            http.close();
        }, "demo-winrm-shutdown"));
        X509Certificate certificate = https.certificate().orElseThrow();
        out.println("http=" + http.endpoint());
        out.println("https=" + https.endpoint());
        out.println("thumbprint=" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded())));
        out.println("ready");
        int seenHttp = 0;
        int seenHttps = 0;
        while (true) {
            seenHttp = report(out, "HTTP", http.delegatedLogons(), seenHttp);
            seenHttps = report(out, "HTTPS", https.delegatedLogons(), seenHttps);
            Thread.sleep(100);
        }
    }

    private static int report(PrintStream out, String listener, List<CredSspAuthenticator.DelegatedLogon> logons, int seen) {
        for (CredSspAuthenticator.DelegatedLogon logon : logons.subList(seen, logons.size())) {
            out.println("delegated: the service (" + listener + ") received the CredSSP credentials of "
                    + (logon.domain() == null || logon.domain().isEmpty() ? "" : logon.domain() + "\\") + logon.user() + (logon.passwordVerified() ? " (password verified)" : " (WRONG password)"));
        }
        return logons.size();
    }
}
