package io.jenkins.plugins.winrmcredssp.testsupport;

import io.jenkins.plugins.winrmcredssp.WinRmConnectionOptions;
import io.jenkins.plugins.winrmcredssp.protocol.wsman.ShellOptions;
import io.jenkins.plugins.winrmcredssp.protocol.wsman.WinRmClient;
import io.jenkins.plugins.winrmcredssp.protocol.wsman.WinRmShell;
import io.jenkins.plugins.winrmcredssp.protocol.wsman.WsmanSettings;
import io.jenkins.plugins.winrmcredssp.protocol.wsman.WsmanTransport;
import io.jenkins.plugins.winrmcredssp.runner.WinRmSession;
import io.jenkins.plugins.winrmcredssp.runner.WinRmSessionOpener;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Base64;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * Opens sessions to {@code LocalWinRmService} with Basic authentication over its self-signed HTTPS listener: a
 * stand-in for the CredSSP transport in tests of the plugin glue (output, masking, exit codes, abort), which do not
 * depend on the authentication scheme. Test code only: it trusts any certificate.
 */
public final class BasicAuthSessionOpener implements WinRmSessionOpener {
    private static final long serialVersionUID = 1L;

    /** Short Receive polls so that aborts are noticed quickly. */
    private static final Duration OPERATION_TIMEOUT = Duration.ofSeconds(1);

    @Override
    public WinRmSession open(WinRmConnectionOptions options, String username, char[] password) throws IOException {
        String credentials = username + ":" + new String(password);
        String authorization = "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8));
        HttpClient http = HttpClient.newBuilder().sslContext(trustAll()).connectTimeout(Duration.ofSeconds(10)).build();
        URI endpoint = URI.create(options.endpoint());
        WsmanTransport transport = soap -> exchange(http, endpoint, authorization, soap);
        WinRmClient client = new WinRmClient(transport,
                WsmanSettings.defaults(endpoint.toString()).withOperationTimeout(OPERATION_TIMEOUT));
        return new WinRmSession() {
            @Override
            public WinRmShell openShell(ShellOptions shellOptions) throws IOException {
                return client.openShell(shellOptions);
            }

            @Override
            public String negotiated() {
                return "Basic (test transport)";
            }

            @Override
            public void close() {
                // java.net.http.HttpClient (Java 17) has no close; its connections idle out
            }
        };
    }

    private static byte[] exchange(HttpClient http, URI endpoint, String authorization, byte[] soap)
            throws IOException {
        HttpRequest request = HttpRequest.newBuilder(endpoint).timeout(Duration.ofSeconds(30))
                .header("Authorization", authorization)
                .header("Content-Type", "application/soap+xml;charset=UTF-8")
                .POST(HttpRequest.BodyPublishers.ofByteArray(soap)).build();
        HttpResponse<byte[]> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting for the WinRM service");
        }
        if (response.statusCode() == 200 || response.statusCode() == 500 && response.body().length > 0) {
            return response.body();
        }
        throw new IOException("HTTP " + response.statusCode() + " from " + endpoint);
    }

    private static SSLContext trustAll() throws IOException {
        // X509ExtendedTrustManager: the JDK then leaves out its own host name check as well
        X509ExtendedTrustManager any = new X509ExtendedTrustManager() {
            @Override
            public void checkClientTrusted(X509Certificate[] chain, String authType) {
            }

            @Override
            public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) {
            }

            @Override
            public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
            }

            @Override
            public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) {
            }

            @Override
            public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
            }

            @Override
            public void checkServerTrusted(X509Certificate[] chain, String authType) {
            }

            @Override
            public X509Certificate[] getAcceptedIssuers() {
                return new X509Certificate[0];
            }
        };
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[] {any}, null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IOException(e);
        }
    }
}
