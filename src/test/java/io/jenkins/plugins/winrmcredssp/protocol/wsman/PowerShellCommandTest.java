package io.jenkins.plugins.winrmcredssp.protocol.wsman;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class PowerShellCommandTest {

    @Test
    void shortScriptIsAnEncodedCommand() {
        PowerShellCommand command = PowerShellCommand.of("Get-ChildItem 'C:\\Program Files' | Select -First 1");
        assertThat(command.usesStdin()).isFalse();
        assertThat(command.stdinStream()).isNull();
        assertThat(command.command().command()).isEqualTo("powershell");
        assertThat(command.command().arguments()).hasSize(4).startsWith("-NoProfile", "-NonInteractive",
                "-EncodedCommand");
        assertThat(new String(Base64.getDecoder().decode(command.command().arguments().get(3)),
                StandardCharsets.UTF_16LE)).isEqualTo("Get-ChildItem 'C:\\Program Files' | Select -First 1");
    }

    @Test
    void encodingIsBase64OfUtf16Le() {
        // "dir" in UTF-16LE is 64 00 69 00 72 00
        assertThat(PowerShellCommand.encode("dir")).isEqualTo("ZABpAHIA");
    }

    @Test
    void theLongestEncodedScriptStaysWithinTheCmdLimitAndOneMoreCharacterSwitchesToStdin() {
        int length = 1;
        while (!PowerShellCommand.of("x".repeat(length + 1)).usesStdin() && length < 10_000) {
            length++;
        }
        PowerShellCommand longest = PowerShellCommand.of("x".repeat(length));
        assertThat(longest.usesStdin()).isFalse();
        assertThat(longest.command().commandLine().length()).isLessThanOrEqualTo(PowerShellCommand.CMD_LINE_LIMIT);
        assertThat(length).isGreaterThan(2900);
        assertThat(PowerShellCommand.of("x".repeat(length + 1)).usesStdin()).isTrue();
    }

    @Test
    void longScriptGoesThroughStdinAsBase64Utf8WithAShortBootstrap() throws Exception {
        String script = "$x = 'Grüße, 世界'\r\n".repeat(5000);
        PowerShellCommand command = PowerShellCommand.of(script);
        assertThat(command.usesStdin()).isTrue();
        assertThat(command.command().commandLine().length()).isLessThan(1000);
        assertThat(command.command().consoleModeStdin()).isFalse();
        String bootstrap = new String(Base64.getDecoder().decode(command.command().arguments().get(3)),
                StandardCharsets.UTF_16LE);
        assertThat(bootstrap).isEqualTo(PowerShellCommand.STDIN_BOOTSTRAP).contains("[Console]::In.ReadToEnd()",
                "FromBase64String", "UTF8");
        byte[] stdin = command.stdinStream().readAllBytes();
        for (byte b : stdin) {
            assertThat(b).as("stdin is plain ASCII").isBetween((byte) 0x0A, (byte) 0x7E);
        }
        String decoded = new String(Base64.getDecoder().decode(new String(stdin, StandardCharsets.US_ASCII).strip()),
                StandardCharsets.UTF_8);
        assertThat(decoded).isEqualTo(script);
    }

    @Test
    void viaStdinKeepsEvenAShortScriptOffTheCommandLine() throws Exception {
        PowerShellCommand command = PowerShellCommand.viaStdin("$password = 'hunter2'");
        assertThat(command.usesStdin()).isTrue();
        assertThat(command.command().commandLine()).doesNotContain(PowerShellCommand.encode("$password = 'hunter2'"));
        String stdin = new String(command.stdinStream().readAllBytes(), StandardCharsets.US_ASCII).strip();
        assertThat(new String(Base64.getDecoder().decode(stdin), StandardCharsets.UTF_8))
                .isEqualTo("$password = 'hunter2'");
    }
}
