package io.jenkins.plugins.winrmcredssp.protocol.wsman.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.winrmcredssp.protocol.auth.UserCredentials;
import io.jenkins.plugins.winrmcredssp.protocol.ntlm.NtlmAccount;
import io.jenkins.plugins.winrmcredssp.protocol.ntlm.NtlmUserStore;
import io.jenkins.plugins.winrmcredssp.testsupport.InteropPeers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** pywinrm 0.3.0 (Debian python3-winrm), an independent WinRM client, runs real commands against the service. */
class PywinrmInteropTest {
    private static final String PASSWORD = "Passw0rd!";
    private static final String COMMANDS = """
            [{"command": "echo", "args": ["hello", "from", "pywinrm"]},
             {"command": "exit 7"},
             {"command": "echo oops >&2; exit 3"},
             {"command": "sleep 3; echo slow"}]
            """;

    @TempDir
    Path temp;

    @BeforeEach
    void requirePywinrm() {
        InteropPeers.requirePythonModules("pywinrm (python3-winrm, python3-requests-ntlm)", "winrm", "requests_ntlm");
    }

    @ParameterizedTest
    @ValueSource(strings = {"TLSv1.2", "TLSv1.3"})
    void basicOverHttps(String tlsVersion) throws Exception {
        try (LocalWinRmService service = LocalWinRmService.builder().https().tlsProtocols(tlsVersion)
                .authenticator(new BasicAuthenticator(List.of(UserCredentials.parse("alice", PASSWORD.toCharArray()))))
                .start()) {
            String json = PywinrmRunner.run(service.endpoint(), "basic", "alice", PASSWORD, COMMANDS, 1, temp);

            assertThat(json).contains("\"encrypted\": false");
            assertResults(json);
            assertThat(service.shells().openShellIds()).isEmpty();
            assertThat(service.shells().deletedShellIds()).containsExactly(field(json, "shell"));
            assertThat(service.shells().commandLines()).containsExactly(
                    "echo hello from pywinrm", "exit 7", "echo oops >&2; exit 3", "sleep 3; echo slow");
            service.close();
            ServiceLeaks.assertNothingLeft(service, List.of());
        }
    }

    @Test
    void ntlmWithMessageEncryptionOverHttp() throws Exception {
        try (LocalWinRmService service = LocalWinRmService.builder()
                .windowsAuthentication(UserCredentials.parse("EXAMPLE\\alice", PASSWORD.toCharArray())).start()) {
            String json = PywinrmRunner.run(service.endpoint(), "ntlm", "EXAMPLE\\alice", PASSWORD, COMMANDS, 1, temp);

            assertThat(json).contains("\"encrypted\": true");
            assertResults(json);
            assertThat(service.shells().deletedShellIds()).containsExactly(field(json, "shell"));
        }
    }

    @Test
    void ntlmWithChannelBindingOverHttps() throws Exception {
        try (LocalWinRmService service = LocalWinRmService.builder().https().authenticator(ntlm()).start()) {
            String json = PywinrmRunner.run(service.endpoint(), "ntlm", "EXAMPLE\\alice", PASSWORD, COMMANDS, 1, temp);

            assertThat(json).contains("\"encrypted\": false");
            assertResults(json);

            AssertionError withoutBinding = org.junit.jupiter.api.Assertions.assertThrows(AssertionError.class,
                    () -> PywinrmRunner.run(service.endpoint(), "ntlm", "EXAMPLE\\alice", PASSWORD, COMMANDS, 1, temp, false));
            assertThat(withoutBinding.getMessage()).contains("InvalidCredentialsError");
        }
    }

    @Test
    void ntlmWrongPasswordIsRejected() throws Exception {
        try (LocalWinRmService service = LocalWinRmService.builder().authenticator(ntlm()).start()) {
            AssertionError failure = org.junit.jupiter.api.Assertions.assertThrows(AssertionError.class,
                    () -> PywinrmRunner.run(service.endpoint(), "ntlm", "EXAMPLE\\alice", "wrong", COMMANDS, 1, temp));
            assertThat(failure.getMessage()).contains("InvalidCredentialsError");
            assertThat(service.shells().commandLines()).isEmpty();
        }
    }

    private static NegotiateAuthenticator ntlm() {
        return NegotiateAuthenticator.ntlm(NtlmUserStore.of(List.of(
                NtlmAccount.withPassword("EXAMPLE", "alice", PASSWORD.toCharArray()))));
    }

    @Test
    void wrongPasswordIsRejected() throws Exception {
        try (LocalWinRmService service = LocalWinRmService.builder().https()
                .authenticator(new BasicAuthenticator(List.of(UserCredentials.parse("alice", PASSWORD.toCharArray()))))
                .start()) {
            AssertionError failure = org.junit.jupiter.api.Assertions.assertThrows(AssertionError.class,
                    () -> PywinrmRunner.run(service.endpoint(), "basic", "alice", "wrong", COMMANDS, 1, temp));
            assertThat(failure.getMessage()).contains("InvalidCredentialsError");
            assertThat(service.shells().commandLines()).isEmpty();
        }
    }

    /** Checks the four commands of {@link #COMMANDS}: output, exit code, stderr, and a Receive that timed out first. */
    static void assertResults(String json) {
        List<String> stdout = decoded(json, "stdout");
        List<String> stderr = decoded(json, "stderr");
        assertThat(stdout).containsExactly("hello from pywinrm\n", "", "", "slow\n");
        assertThat(stderr).containsExactly("", "", "oops\n", "");
        assertThat(ints(json, "exit")).containsExactly(0, 7, 3, 0);
    }

    private static List<String> decoded(String json, String key) {
        Matcher m = Pattern.compile("\"" + key + "\": \"([A-Za-z0-9+/=]*)\"").matcher(json);
        List<String> out = new java.util.ArrayList<>();
        while (m.find()) {
            out.add(new String(Base64.getDecoder().decode(m.group(1)), StandardCharsets.UTF_8));
        }
        return out;
    }

    private static List<Integer> ints(String json, String key) {
        Matcher m = Pattern.compile("\"" + key + "\": (-?\\d+)").matcher(json);
        List<Integer> out = new java.util.ArrayList<>();
        while (m.find()) {
            out.add(Integer.parseInt(m.group(1)));
        }
        return out;
    }

    static String field(String json, String key) {
        Matcher m = Pattern.compile("\"" + key + "\": \"([^\"]*)\"").matcher(json);
        assertThat(m.find()).as("field %s in %s", key, json).isTrue();
        return m.group(1);
    }
}
