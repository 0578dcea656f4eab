package io.jenkins.plugins.winrmcredssp.protocol.wsman;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.winrmcredssp.protocol.auth.UserCredentials;
import io.jenkins.plugins.winrmcredssp.protocol.wsman.http.AuthMechanism;
import io.jenkins.plugins.winrmcredssp.protocol.wsman.http.WinRmConnection;
import io.jenkins.plugins.winrmcredssp.protocol.wsman.http.WinRmCredSspClient;
import io.jenkins.plugins.winrmcredssp.protocol.wsman.server.LocalWinRmService;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@link WinRmShell#start} / {@link RunningCommand}: stdin and output interleaved, against LocalWinRmService. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class RunningCommandTest {
    private LocalWinRmService service;
    private WinRmCredSspClient client;

    @BeforeEach
    void start() throws Exception {
        UserCredentials alice = UserCredentials.parse("EXAMPLE\\alice", "Passw0rd!".toCharArray());
        service = LocalWinRmService.builder().windowsAuthentication(alice).start();
        client = WinRmCredSspClient.connect(WinRmConnection.builder(service.endpoint(), alice)
                .mechanism(AuthMechanism.NTLM).operationTimeout(Duration.ofSeconds(2)).build());
    }

    @AfterEach
    void stop() throws Exception {
        try {
            client.close();
        } finally {
            service.close();
        }
    }

    private static String receiveLine(RunningCommand command, ByteArrayOutputStream out) throws Exception {
        while (!out.toString(StandardCharsets.UTF_8).endsWith("\n")) {
            command.receive((stream, data) -> out.write(data));
        }
        String line = out.toString(StandardCharsets.UTF_8);
        out.reset();
        return line;
    }

    @Test
    void outputArrivesBeforeStdinEnds() throws Exception {
        try (WinRmShell shell = client.openShell(ShellOptions.defaults())) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try (RunningCommand command = shell.start(RemoteCommand.of("while read l; do echo \"got $l\"; done; exit 4"))) {
                byte[] first = "one\n".getBytes(StandardCharsets.UTF_8);
                command.send(first, 0, first.length, false);
                assertThat(receiveLine(command, out)).isEqualTo("got one\n");
                byte[] second = "xxtwo\n".getBytes(StandardCharsets.UTF_8);
                command.send(second, 2, 4, true);
                assertThat(receiveLine(command, out)).isEqualTo("got two\n");
                while (!command.receive((stream, data) -> out.write(data))) {
                    // until the shell loop sees the end of stdin
                }
                assertThat(command.exitCode()).isEqualTo(4);
                assertThat(command.isDone()).isTrue();
            }
        }
        assertThat(service.shells().liveProcesses()).isEmpty();
    }

    @Test
    void closingARunningCommandTerminatesItButKeepsTheShell() throws Exception {
        try (WinRmShell shell = client.openShell(ShellOptions.defaults())) {
            RunningCommand command = shell.start(RemoteCommand.of("sleep 60"));
            assertThat(command.receive((stream, data) -> { })).isFalse();
            command.close();
            command.close();
            assertThat(service.shells().liveProcesses()).isEmpty();
            assertThat(shell.isOpen()).isTrue();
            assertThatThrownBy(() -> command.send(new byte[1], 0, 1, false)).isInstanceOf(IllegalStateException.class);
        }
    }

    @Test
    void cancelAbortsTheCommandAndDeletesTheShell() throws Exception {
        WinRmShell shell = client.openShell(ShellOptions.defaults());
        try (RunningCommand command = shell.start(RemoteCommand.of("cat"))) {
            shell.cancel();
            assertThatThrownBy(() -> command.send(new byte[1], 0, 1, false)).isInstanceOf(CommandAbortedException.class);
        }
        assertThat(shell.isOpen()).isFalse();
        assertThat(service.shells().openShellIds()).isEmpty();
        assertThat(service.shells().liveProcesses()).isEmpty();
    }
}
