package io.jenkins.plugins.winrmcredssp.protocol.wsman.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.winrmcredssp.protocol.auth.UserCredentials;
import io.jenkins.plugins.winrmcredssp.protocol.wsman.RemoteCommand;
import io.jenkins.plugins.winrmcredssp.protocol.wsman.ShellOptions;
import io.jenkins.plugins.winrmcredssp.protocol.wsman.WinRmClient;
import io.jenkins.plugins.winrmcredssp.protocol.wsman.WinRmShell;
import io.jenkins.plugins.winrmcredssp.protocol.wsman.WsmanSettings;
import io.jenkins.plugins.winrmcredssp.protocol.wsman.WsmanTransport;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The project's WS-Management client (protocol.wsman) against the service, over HTTPS with Basic. */
class WinRmClientAgainstServiceTest {
    private LocalWinRmService service;
    private RawHttpClient http;
    private WinRmClient client;

    @TempDir
    Path temp;

    @BeforeEach
    void start() throws Exception {
        service = LocalWinRmService.builder().https()
                .authenticator(new BasicAuthenticator(List.of(UserCredentials.parse("alice", "Passw0rd!".toCharArray()))))
                .start();
        http = new RawHttpClient(service.endpoint());
        String basic = "Basic " + Base64.getEncoder().encodeToString("alice:Passw0rd!".getBytes(StandardCharsets.UTF_8));
        WsmanTransport transport = soap -> {
            RawHttpClient.Response response = http.post("/wsman",
                    Map.of("Authorization", basic, "Content-Type", "application/soap+xml;charset=UTF-8"), soap);
            if (response.status() == 200 || response.status() == 500 && response.body().length > 0) {
                return response.body();
            }
            throw new IOException("HTTP " + response.status());
        };
        client = new WinRmClient(transport, WsmanSettings.defaults(service.endpoint().toString())
                .withOperationTimeout(Duration.ofSeconds(1)));
    }

    @AfterEach
    void stop() throws Exception {
        http.close();
        service.close();
    }

    @Test
    void runsCommandsWithStdinWorkingDirectoryEnvironmentAndSlowOutput() throws Exception {
        String shellId;
        try (WinRmShell shell = client.openShell(ShellOptions.defaults().withWorkingDirectory(temp.toString())
                .withEnvironment(Map.of("GREETING", "hello")))) {
            shellId = shell.shellId();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ByteArrayOutputStream err = new ByteArrayOutputStream();

            assertThat(shell.run("echo", List.of("\"$GREETING\"", "from", "$(pwd)"), out, err)).isZero();
            assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("hello from " + temp.toRealPath() + "\n");

            out.reset();
            int exit = shell.run(RemoteCommand.of("tr a-z A-Z; echo problem >&2; exit 9"),
                    new ByteArrayInputStream("piped".getBytes(StandardCharsets.UTF_8)), out, err);
            assertThat(exit).isEqualTo(9);
            assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("PIPED");
            assertThat(err.toString(StandardCharsets.UTF_8)).isEqualTo("problem\n");

            out.reset();
            assertThat(shell.run("sleep 2; echo late", List.of(), out, err)).isZero();
            assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("late\n");
        }
        assertThat(service.shells().deletedShellIds()).containsExactly(shellId);
        assertThat(service.shells().liveProcesses()).isEmpty();
    }
}
