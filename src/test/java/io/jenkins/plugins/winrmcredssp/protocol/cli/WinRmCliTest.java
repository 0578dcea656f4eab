package io.jenkins.plugins.winrmcredssp.protocol.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.winrmcredssp.protocol.credssp.CredSspException;
import io.jenkins.plugins.winrmcredssp.protocol.credssp.CredSspStage;
import io.jenkins.plugins.winrmcredssp.protocol.auth.Mechanism;
import io.jenkins.plugins.winrmcredssp.protocol.wsman.WsmanFaultException;
import io.jenkins.plugins.winrmcredssp.protocol.wsman.http.SessionInfo;
import io.jenkins.plugins.winrmcredssp.protocol.wsman.http.WinRmHttpException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ConnectException;
import java.net.URI;
import java.util.Optional;
import javax.net.ssl.SSLHandshakeException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The CLI's exit statuses and stderr lines, with the remote side replaced. */
class WinRmCliTest {
    private static final String SECRET = "S3cret-Passw0rd";
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private char[] seenPassword;
    private CliOptions seenOptions;

    private int run(WinRmCli.Runner runner, String stdin, String... args) {
        WinRmCli.Runner recording = (options, password, stdout, stderr, session) -> {
            seenPassword = password.clone();
            seenOptions = options;
            return runner.run(options, password, stdout, stderr, session);
        };
        return new WinRmCli(recording, Map.of("PW", SECRET)::get,
                new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8))
                .run(args);
    }

    private static String[] args(String... more) {
        String[] base = {"--url", "http://127.0.0.1:5985/wsman", "--user", "EXAMPLE\\alice", "--password-env", "PW"};
        String[] all = new String[base.length + more.length];
        System.arraycopy(base, 0, all, 0, base.length);
        System.arraycopy(more, 0, all, base.length, more.length);
        return all;
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void remoteExitCodeAndStreamsPassThrough() {
        int status = run((o, p, stdout, stderr, s) -> {
            stdout.write("out\n".getBytes(StandardCharsets.UTF_8));
            stderr.write("err\n".getBytes(StandardCharsets.UTF_8));
            return 7;
        }, "", args("--", "cmd", "/c", "exit 7"));

        assertThat(status).isEqualTo(7);
        assertThat(out()).isEqualTo("out\n");
        assertThat(err()).isEqualTo("err\n");
        assertThat(seenPassword).containsExactly(SECRET.toCharArray());
    }

    @Test
    void exitCodesTheOsTruncatesArePrintedInFull() {
        assertThat(run((o, p, stdout, stderr, s) -> 1603, "", args("--", "msiexec"))).isEqualTo(1603);
        assertThat(err()).isEqualTo("winrm-credssp: remote exit code 1603 (the OS passes on only its low 8 bits: 67)\n");
    }

    @Test
    void negativeExitCodesArePrintedInFull() {
        assertThat(run((o, p, stdout, stderr, s) -> -1073741510, "", args("--", "x"))).isEqualTo(-1073741510);
        assertThat(err()).contains("remote exit code -1073741510");
    }

    @Test
    void passwordFromStdinIsTheFirstLine() {
        run((o, p, stdout, stderr, s) -> 0, SECRET + "\r\nignored\n",
                "--url", "http://h/wsman", "--user", "alice", "--password-stdin", "--", "x");
        assertThat(seenPassword).containsExactly(SECRET.toCharArray());
        assertThat(seenOptions.passwordEnv()).isNull();
    }

    @Test
    void missingPasswordIsAUsageError() {
        int status = run((o, p, stdout, stderr, s) -> 0, "",
                "--url", "http://h/wsman", "--user", "alice", "--password-env", "UNSET", "--", "x");
        assertThat(status).isEqualTo(ExitStatus.USAGE);
        assertThat(err()).startsWith("winrm-credssp: environment variable UNSET (--password-env) is not set or empty\nusage:");
        assertThat(seenOptions).isNull();
    }

    @Test
    void usageErrorsExit2WithTheUsage() {
        assertThat(run((o, p, stdout, stderr, s) -> 0, "", "--url")).isEqualTo(ExitStatus.USAGE);
        assertThat(err()).startsWith("winrm-credssp: --url needs a value\nusage: java -jar winrm-credssp-cli.jar");
        assertThat(out()).isEmpty();
    }

    @Test
    void helpGoesToStdoutAndExits0() {
        assertThat(run((o, p, stdout, stderr, s) -> 9, "", "--help")).isZero();
        assertThat(out()).startsWith("usage:").contains("--password-env VAR", "Exit status");
        assertThat(err()).isEmpty();
    }

    @Test
    void verbosePrintsTheSessionOnStderr() {
        run((o, p, stdout, stderr, s) -> {
            s.accept(new SessionInfo(URI.create("http://h:5985/wsman"), true, "TLSv1.2",
                    "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384", 6, Mechanism.NTLM, 4, 1, Optional.of("no KDC for EXAMPLE")));
            return 0;
        }, "", args("--verbose", "--", "x"));
        assertThat(err()).isEqualTo("""
                winrm-credssp: endpoint: http://h:5985/wsman (HTTP, bodies encrypted with the CredSSP session)
                winrm-credssp: CredSSP TLS: TLSv1.2 TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384
                winrm-credssp: CredSSP version: 6
                winrm-credssp: inner mechanism: NTLM (Kerberos not used: no KDC for EXAMPLE)
                winrm-credssp: HTTP legs: 4
                """);
    }

    @Test
    void sessionDetailsStayQuietWithoutVerbose() {
        run((o, p, stdout, stderr, s) -> {
            s.accept(new SessionInfo(URI.create("https://h/wsman"), false, "TLSv1.3", "X", 6, Mechanism.NTLM, 4, 1,
                    Optional.empty()));
            return 0;
        }, "", args("--", "x"));
        assertThat(err()).isEmpty();
    }

    @Test
    void refusedConnectionExits3WithOneLine() {
        assertFailure(new WinRmHttpException("Connection refused by http://h/wsman: no WinRM HTTP listener",
                        new ConnectException("Connection refused")),
                ExitStatus.CONNECTION, "winrm-credssp: connection failed: Connection refused by http://h/wsman: no WinRM HTTP listener");
    }

    @Test
    void lostConnectionDuringALegIsAConnectionFailure() {
        assertFailure(new CredSspException(CredSspStage.AUTHENTICATION, 1, "the connection was lost at HTTP leg 1",
                        new java.net.UnknownHostException("nosuchhost")),
                ExitStatus.CONNECTION, "winrm-credssp: connection failed: CredSSP authentication round 1: the connection was lost");
    }

    @Test
    void untrustedHttpsCertificateExits3() {
        assertFailure(new WinRmHttpException("HTTPS handshake with the WinRM listener failed", new SSLHandshakeException("PKIX path")),
                ExitStatus.CONNECTION, "winrm-credssp: connection failed: HTTPS handshake with the WinRM listener failed");
    }

    @Test
    void credSspTlsHandshakeFailureExits3() {
        assertFailure(new CredSspException(CredSspStage.TLS_HANDSHAKE, 0, "TLS handshake failed"),
                ExitStatus.CONNECTION, "winrm-credssp: connection failed: CredSSP TLS handshake: TLS handshake failed");
    }

    @Test
    void logonFailureExits4() {
        assertFailure(CredSspException.serverError(CredSspStage.PUBLIC_KEY_EXCHANGE, 2, 0xC000006DL),
                ExitStatus.AUTHENTICATION, "winrm-credssp: authentication failed: CredSSP public key exchange: ");
    }

    @Test
    void wsmanFaultExits5() {
        assertFailure(new WsmanFaultException("Command", "s:Receiver", "w:InternalError", 2150858843L, "The shell was not\nfound", null),
                ExitStatus.REMOTE_FAILURE, "winrm-credssp: WS-Management fault: ");
        assertThat(err()).doesNotContain("not\nfound");
    }

    @Test
    void otherFailuresExit5() {
        assertFailure(new IOException("HTTP 503 from the WinRM service"), ExitStatus.REMOTE_FAILURE,
                "winrm-credssp: remote command failed: HTTP 503 from the WinRM service");
    }

    @Test
    void verboseAddsTheStackTrace() {
        run((o, p, stdout, stderr, s) -> {
            throw new IOException("boom");
        }, "", args("--verbose", "--", "x"));
        assertThat(err()).startsWith("winrm-credssp: remote command failed: boom\njava.io.IOException: boom\n\tat ");
    }

    private void assertFailure(IOException failure, int status, String line) {
        int actual = run((o, p, stdout, stderr, s) -> {
            throw failure;
        }, "", args("--", "x"));
        assertThat(actual).isEqualTo(status);
        assertThat(err()).startsWith(line).endsWith("\n").doesNotContain("\tat ", SECRET);
        assertThat(err().lines()).hasSize(1);
    }
}
