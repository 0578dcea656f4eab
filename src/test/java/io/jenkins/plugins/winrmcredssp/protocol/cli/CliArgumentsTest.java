package io.jenkins.plugins.winrmcredssp.protocol.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.winrmcredssp.protocol.wsman.http.AuthMechanism;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CliArgumentsTest {
    private static final List<String> BASE = List.of("--url", "https://win.example.com:5986/wsman", "--user",
            "EXAMPLE\\alice", "--password-env", "PW");

    private static CliOptions parse(String... more) throws UsageException {
        List<String> args = new ArrayList<>(BASE);
        args.addAll(List.of(more));
        return CliArguments.parse(args.toArray(String[]::new)).orElseThrow();
    }

    @Test
    void minimalCommandLineTakesDefaults() throws Exception {
        CliOptions options = parse("--", "ipconfig", "/all");

        assertThat(options.endpoint().toString()).isEqualTo("https://win.example.com:5986/wsman");
        assertThat(options.user()).isEqualTo("EXAMPLE\\alice");
        assertThat(options.passwordEnv()).isEqualTo("PW");
        assertThat(options.command()).containsExactly("ipconfig", "/all");
        assertThat(options.powerShell()).isFalse();
        assertThat(options.authMechanism()).isEqualTo(AuthMechanism.AUTO);
        assertThat(options.minCredSspVersion()).isEqualTo(2);
        assertThat(options.trust().kind()).isEqualTo(ServerTrust.Kind.DEFAULT);
        assertThat(options.timeout()).isNull();
        assertThat(options.verbose()).isFalse();
    }

    @Test
    void everyOptionIsRead() throws Exception {
        CliOptions options = CliArguments.parse("--url", "https://h/wsman", "--user", "alice@EXAMPLE.COM",
                "--password-stdin", "--powershell", "--auth-mechanism", "kerberos", "--min-credssp-version", "5",
                "--thumbprint", "AB:" + "cd".repeat(31), "--timeout", "90", "--workdir", "C:\\temp", "--env", "A=1",
                "--env", "B=x=y", "--krb5-conf", "/etc/krb5.conf", "--spn", "HTTP/h@EXAMPLE.COM", "--verbose",
                "--", "Get-Date;", "--not-an-option").orElseThrow();

        assertThat(options.passwordEnv()).isNull();
        assertThat(options.powerShell()).isTrue();
        assertThat(options.authMechanism()).isEqualTo(AuthMechanism.KERBEROS);
        assertThat(options.minCredSspVersion()).isEqualTo(5);
        assertThat(options.trust()).isEqualTo(new ServerTrust(ServerTrust.Kind.THUMBPRINT, null, "ab" + "cd".repeat(31)));
        assertThat(options.timeout()).isEqualTo(Duration.ofSeconds(90));
        assertThat(options.workdir()).isEqualTo("C:\\temp");
        assertThat(options.environment()).containsExactly(Map.entry("A", "1"), Map.entry("B", "x=y"));
        assertThat(options.krb5Conf()).isEqualTo(Path.of("/etc/krb5.conf"));
        assertThat(options.spn()).isEqualTo("HTTP/h@EXAMPLE.COM");
        assertThat(options.verbose()).isTrue();
        assertThat(options.commandText()).isEqualTo("Get-Date; --not-an-option");
    }

    @ParameterizedTest
    @ValueSource(strings = {"alice", "EXAMPLE\\alice", "alice@example.com"})
    void userFormsAreAccepted(String user) throws Exception {
        assertThat(CliArguments.parse("--url", "http://h/wsman", "--user", user, "--password-stdin", "--", "x")
                .orElseThrow().user()).isEqualTo(user);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "\\alice", "EXAMPLE\\", "a\\b\\c", "@x", "alice@", "a@b@c", "D\\a@b"})
    void malformedUsersAreRefused(String user) {
        assertThatThrownBy(() -> CliArguments.parse("--url", "http://h/wsman", "--user", user, "--password-stdin", "--", "x"))
                .isInstanceOf(UsageException.class).hasMessageContaining("--user must be");
    }

    @Test
    void helpWinsWherever() throws Exception {
        assertThat(CliArguments.parse("--url", "nonsense", "--help")).isEmpty();
        assertThat(CliArguments.parse("-h")).isEmpty();
    }

    @Test
    void helpAfterTheSeparatorIsPartOfTheCommand() throws Exception {
        assertThat(parse("--", "cmd", "--help").command()).containsExactly("cmd", "--help");
    }

    @Test
    void mistakesNameTheOption() {
        assertUsage("--url is required", "--user", "u", "--password-stdin", "--", "x");
        assertUsage("--user is required", "--url", "http://h/wsman", "--password-stdin", "--", "x");
        assertUsage("exactly one of --password-env", "--url", "http://h/wsman", "--user", "u", "--", "x");
        assertUsage("exactly one of --password-env", "--url", "http://h/wsman", "--user", "u", "--password-stdin",
                "--password-env", "P", "--", "x");
        assertUsage("no remote command", "--url", "http://h/wsman", "--user", "u", "--password-stdin");
        assertUsage("no remote command", "--url", "http://h/wsman", "--user", "u", "--password-stdin", "--");
        assertUsage("--url needs a value", "--url");
        assertUsage("--user needs a value", "--user", "--");
        assertUsage("unknown option --pasword-env", "--pasword-env", "P");
        assertUsage("put the remote command after --", "--url", "http://h/wsman", "dir");
        assertUsage("--url must start with http:// or https://", "--url", "ftp://h/wsman");
        assertUsage("--url needs the path", "--url", "http://h:5985");
        assertUsage("must not contain user information", "--url", "http://a:b@h/wsman");
        assertUsage("--url is not a URL", "--url", "http://h /wsman");
        assertUsage("--auth-mechanism must be auto, ntlm or kerberos", "--auth-mechanism", "basic");
        assertUsage("--min-credssp-version must be a number from 2 to 6", "--min-credssp-version", "7");
        assertUsage("--timeout must be a number from 1 up", "--timeout", "0");
        assertUsage("--timeout must be a number from 1 up", "--timeout", "ten");
        assertUsage("--thumbprint must be the certificate's SHA-256", "--thumbprint", "abcd");
        assertUsage("at most one of --ca-file, --thumbprint and --insecure", "--insecure", "--ca-file", "x.pem");
        assertUsage("--env must be NAME=VALUE", "--env", "=v");
        assertUsage("--spn must look like HTTP/host", "--spn", "host");
    }

    @Test
    void certificateOptionsNeedHttps() {
        assertUsage("only apply to https://", "--url", "http://h/wsman", "--user", "u", "--password-stdin",
                "--insecure", "--", "x");
    }

    private static void assertUsage(String message, String... args) {
        assertThatThrownBy(() -> CliArguments.parse(args)).isInstanceOf(UsageException.class).hasMessageContaining(message);
    }
}
