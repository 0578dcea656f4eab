package io.jenkins.plugins.winrmcredssp.protocol.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.winrmcredssp.protocol.auth.UserCredentials;
import io.jenkins.plugins.winrmcredssp.protocol.wsman.http.HttpsTrust;
import io.jenkins.plugins.winrmcredssp.protocol.wsman.server.CredSspAuthenticator;
import io.jenkins.plugins.winrmcredssp.protocol.wsman.server.LocalWinRmService;
import java.io.IOException;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The built {@code target/winrm-credssp-cli.jar}, run as a process (java -jar) against {@link LocalWinRmService} on
 * loopback: CredSSP over HTTP (message encryption) and HTTPS.
 */
class WinRmCliJarIT {
    private static final String PASSWORD = "Jar-Passw0rd!";
    private static final String USER = "EXAMPLE\\carol";
    private static LocalWinRmService http;
    private static LocalWinRmService https;

    @TempDir
    Path temp;

    record Result(int status, String stdout, String stderr) {
    }

    @BeforeAll
    static void start() throws IOException {
        UserCredentials account = UserCredentials.parse(USER, PASSWORD.toCharArray());
        http = LocalWinRmService.builder().windowsAuthentication(account).start();
        https = LocalWinRmService.builder().https().windowsAuthentication(account).start();
        account.destroy();
    }

    @AfterAll
    static void stop() {
        if (https != null) {
            https.close();
        }
        if (http != null) {
            http.close();
        }
    }

    private Result cli(String password, String stdin, String... args) throws Exception {
        Path jar = Path.of(System.getProperty("winrmcredssp.cli.jar", "target/winrm-credssp-cli.jar"));
        assertThat(jar).as("built by mvn package").isRegularFile();
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", jar.toString()));
        command.addAll(List.of(args));
        Path out = temp.resolve("out-" + System.nanoTime());
        Path err = temp.resolve("err-" + System.nanoTime());
        ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
        builder.environment().remove("CLI_PASSWORD");
        if (password != null) {
            builder.environment().put("CLI_PASSWORD", password);
        }
        Process process = builder.start();
        try {
            try (OutputStream in = process.getOutputStream()) {
                in.write(stdin.getBytes(StandardCharsets.UTF_8));
            }
            assertThat(process.waitFor(90, TimeUnit.SECONDS)).as("the CLI finished in time").isTrue();
            return new Result(process.exitValue(), Files.readString(out), Files.readString(err));
        } finally {
            process.destroyForcibly();
        }
    }

    private static String[] with(String url, String... more) {
        List<String> args = new ArrayList<>(List.of("--url", url, "--user", USER, "--password-env", "CLI_PASSWORD",
                "--auth-mechanism", "ntlm"));
        args.addAll(List.of(more));
        return args.toArray(String[]::new);
    }

    @Test
    void remoteExitCodeAndSeparateStreams() throws Exception {
        Result result = cli(PASSWORD, "", with(http.endpoint().toString(), "--",
                "echo to-stdout; echo to-stderr >&2; exit 7"));

        assertThat(result.status()).isEqualTo(7);
        assertThat(result.stdout()).isEqualTo("to-stdout\n");
        assertThat(result.stderr()).isEqualTo("to-stderr\n");
    }

    @Test
    void verboseReportsTheSessionOnStderrOnly() throws Exception {
        Result result = cli(PASSWORD, "", with(http.endpoint().toString(), "--verbose", "--", "echo", "hello"));

        assertThat(result.status()).isZero();
        assertThat(result.stdout()).isEqualTo("hello\n");
        assertThat(result.stderr().lines().toList()).containsExactly(
                "winrm-credssp: endpoint: " + http.endpoint() + " (HTTP, bodies encrypted with the CredSSP session)",
                result.stderr().lines().filter(l -> l.startsWith("winrm-credssp: CredSSP TLS: TLSv1.")).findFirst().orElse("(no TLS line)"),
                "winrm-credssp: CredSSP version: 6",
                "winrm-credssp: inner mechanism: NTLM",
                "winrm-credssp: HTTP legs: 4");
        assertThat(result.stderr()).doesNotContain(PASSWORD);
    }

    @Test
    void httpsWithPinnedThumbprintAndPasswordFromStdin() throws Exception {
        String thumbprint = HttpsTrust.sha256Thumbprint(https.certificate().orElseThrow());
        Result result = cli(null, PASSWORD + "\n", "--url", https.endpoint().toString(), "--user", "carol@EXAMPLE",
                "--password-stdin", "--auth-mechanism", "ntlm", "--thumbprint", thumbprint, "--env", "GREETING=hi",
                "--", "echo $GREETING");

        assertThat(result.stderr()).isEmpty();
        assertThat(result.status()).isZero();
        assertThat(result.stdout()).isEqualTo("hi\n");
    }

    @Test
    void wrongPasswordExits4WithOneLineNamingTheStage() throws Exception {
        int before = http.delegatedLogons().size();
        Result result = cli("not-the-password", "", with(http.endpoint().toString(), "--", "echo", "never"));

        assertThat(result.status()).isEqualTo(ExitStatus.AUTHENTICATION);
        assertThat(result.stdout()).isEmpty();
        assertThat(result.stderr().lines().toList()).singleElement().asString()
                .startsWith("winrm-credssp: authentication failed: CredSSP ")
                .contains("C000006D")
                .doesNotContain("not-the-password");
        assertThat(http.delegatedLogons()).hasSize(before);
    }

    @Test
    void wrongThumbprintExits3() throws Exception {
        Result result = cli(PASSWORD, "", with(https.endpoint().toString(), "--thumbprint", "00".repeat(32), "--", "echo", "never"));

        assertThat(result.status()).isEqualTo(ExitStatus.CONNECTION);
        assertThat(result.stderr().lines().toList()).singleElement().asString().startsWith("winrm-credssp: connection failed: ");
    }

    @Test
    void nothingListeningExits3() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Result result = cli(PASSWORD, "", with("http://127.0.0.1:" + port + "/wsman", "--", "echo", "never"));

        assertThat(result.status()).isEqualTo(ExitStatus.CONNECTION);
        assertThat(result.stderr().lines().toList()).singleElement().asString().startsWith("winrm-credssp: connection failed: ");
    }

    @Test
    void timeoutStopsTheCommandAndExits5() throws Exception {
        long start = System.nanoTime();
        Result result = cli(PASSWORD, "", with(http.endpoint().toString(), "--timeout", "2", "--",
                "echo started; sleep 60; echo never"));

        assertThat(TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start)).isLessThan(15);
        assertThat(result.status()).isEqualTo(ExitStatus.REMOTE_FAILURE);
        assertThat(result.stdout()).isEqualTo("started\n");
        assertThat(result.stderr().lines().toList()).singleElement().asString().startsWith("winrm-credssp: remote command failed: ");
    }

    @Test
    void helpAndUsageErrors() throws Exception {
        Result help = cli(null, "", "--help");
        assertThat(help.status()).isZero();
        assertThat(help.stdout()).startsWith("usage: java -jar winrm-credssp-cli.jar");
        assertThat(help.stderr()).isEmpty();

        Result usage = cli(null, "", "--url", http.endpoint().toString(), "--user", USER, "--", "x");
        assertThat(usage.status()).isEqualTo(ExitStatus.USAGE);
        assertThat(usage.stderr()).startsWith("winrm-credssp: give exactly one of --password-env VAR and --password-stdin\nusage:");
    }

    @Test
    void delegatedCredentialsReachTheService() throws Exception {
        Result result = cli(PASSWORD, "", with(http.endpoint().toString(), "--", "true"));

        assertThat(result.status()).isZero();
        assertThat(http.delegatedLogons()).contains(new CredSspAuthenticator.DelegatedLogon("EXAMPLE", "carol", true));
    }

    @Test
    void uploadAndDownloadThroughTheJarsAgent() throws Exception {
        Path local = Files.createDirectories(temp.resolve("site/css"));
        Files.writeString(local.resolve("main.css"), "body {}");
        Path dest = temp.resolve("deployed");
        String[] upload = with(https.endpoint().toString(), "--insecure", "--platform", "posix", "--overwrite",
                "if-changed", "--", temp.resolve("site").toString(), dest.toString());
        String[] withSubcommand = new String[upload.length + 1];
        withSubcommand[0] = "upload";
        System.arraycopy(upload, 0, withSubcommand, 1, upload.length);

        Result first = cli(PASSWORD, "", withSubcommand);
        assertThat(first.status()).as(first.stderr()).isZero();
        assertThat(first.stdout()).startsWith("COPIED\t7\t").endsWith("\t" + dest + "/css/main.css\n");
        assertThat(dest.resolve("css/main.css")).hasContent("body {}");
        Result second = cli(PASSWORD, "", withSubcommand);
        assertThat(second.stdout()).startsWith("SKIPPED_UNCHANGED\t7\t");

        Result download = cli(PASSWORD, "", "download", "--url", http.endpoint().toString(), "--user", USER,
                "--password-env", "CLI_PASSWORD", "--auth-mechanism", "ntlm", "--platform", "posix", "--",
                dest + "/css/main.css", temp.resolve("back.css").toString());
        assertThat(download.status()).as(download.stderr()).isZero();
        assertThat(temp.resolve("back.css")).hasContent("body {}");
    }
}
