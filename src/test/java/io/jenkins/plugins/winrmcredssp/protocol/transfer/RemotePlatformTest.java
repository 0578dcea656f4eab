package io.jenkins.plugins.winrmcredssp.protocol.transfer;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.winrmcredssp.protocol.wsman.PowerShellCommand;
import io.jenkins.plugins.winrmcredssp.protocol.wsman.RemoteCommand;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * What can be checked of the agents without running them here. The PowerShell agent never runs in this build (no
 * PowerShell on the build machine): these tests pin its command line and what it is sent; its behaviour is
 * specified by the POSIX agent, which the end-to-end tests run.
 */
class RemotePlatformTest {
    @Test
    void windowsCommandIsAShortConstantEncodedBootstrapWithPipeStdin() {
        RemoteCommand command = RemotePlatform.WINDOWS.command();
        assertThat(command.command()).isEqualTo("powershell");
        assertThat(command.arguments().subList(0, 3)).containsExactly("-NoProfile", "-NonInteractive", "-EncodedCommand");
        assertThat(command.consoleModeStdin()).as("binary stdin must be a pipe, not a console").isFalse();
        assertThat(command.commandLine().length()).isLessThan(PowerShellCommand.CMD_LINE_LIMIT / 4);
        String script = new String(Base64.getDecoder().decode(command.arguments().get(3)), StandardCharsets.UTF_16LE);
        assertThat(script).isEqualTo(RemotePlatform.POWERSHELL_BOOTSTRAP)
                .contains("[Console]::OpenStandardInput()", "ReadByte()", "UTF8Encoding");
    }

    @Test
    void posixCommandRunsThePythonBootstrap() {
        RemoteCommand command = RemotePlatform.POSIX.command();
        assertThat(command.commandLine()).isEqualTo("python3 -c '" + RemotePlatform.PYTHON_BOOTSTRAP + "'");
        assertThat(RemotePlatform.PYTHON_BOOTSTRAP).doesNotContain("'");
    }

    @Test
    void stdinStartsWithTheScriptsByteCountThenTheUtf8Script() {
        for (RemotePlatform platform : RemotePlatform.values()) {
            byte[] preamble = platform.stdinPreamble();
            String text = new String(preamble, StandardCharsets.UTF_8);
            int newline = text.indexOf('\n');
            int length = Integer.parseInt(text.substring(0, newline));
            assertThat(preamble.length - newline - 1).isEqualTo(length);
            assertThat(text.substring(newline + 1)).isEqualTo(platform.agentScript());
        }
    }

    /** Paths of any shape travel only inside the UTF-8 manifest on stdin, never on a command line or in a script. */
    @Test
    void pathsWithQuotesDollarsBackticksSpacesAndUnicodeOnlyTravelInTheUtf8Manifest() throws Exception {
        String root = "\\\\files01\\re'lea\"ses $env:TEMP `n\\日本";
        String rel = "it's a \"$(calc)\" `file` ✓.txt";
        UploadRequest request = UploadRequest.builder(Path.of("/nonexistent"), List.of(), root).build();
        Upload upload = new Upload(null, null, request, List.of(new Upload.Entry(rel, Path.of("x"), false, 3, "-",
                RelativePaths.join(RemotePlatform.WINDOWS, root, rel))));
        byte[] manifest = upload.manifest().getBytes(StandardCharsets.UTF_8);
        assertThat(new String(manifest, StandardCharsets.UTF_8)).isEqualTo("1\tALWAYS\t" + root + "\nF\t3\t-\t" + rel);
        assertThat(RemotePlatform.WINDOWS.command().commandLine()).doesNotContain("files01");
        assertThat(RemotePlatform.WINDOWS.agentScript()).contains("$Utf8.GetString($manifest)");
    }

    @Test
    void windowsPathsJoinWithBackslashesOnLocalAndUncRoots() {
        assertThat(RelativePaths.join(RemotePlatform.WINDOWS, "C:\\deploy\\app\\", "bin/run.cmd"))
                .isEqualTo("C:\\deploy\\app\\bin\\run.cmd");
        assertThat(RelativePaths.join(RemotePlatform.WINDOWS, "\\\\files01\\releases\\app", "a b/ü.txt"))
                .isEqualTo("\\\\files01\\releases\\app\\a b\\ü.txt");
        assertThat(RelativePaths.join(RemotePlatform.POSIX, "/srv/app/", "bin/run")).isEqualTo("/srv/app/bin/run");
        assertThat(RelativePaths.join(RemotePlatform.POSIX, "/", "x")).isEqualTo("/x");
    }

    /** agent.ps1 refuses what RelativePaths.check(WINDOWS, ...) refuses (the script itself cannot run here). */
    @Test
    void powerShellAgentRefusesNamesWindowsWouldAlter() {
        assertThat(RemotePlatform.WINDOWS.agentScript()).contains("$p.EndsWith('.') -or $p.EndsWith(' ')",
                "[char[]]'<>\"|?*'", "-match '^(CON|PRN|AUX|NUL|COM[0-9]|LPT[0-9])$'");
    }

    /**
     * When File.Replace fails after deleting the old file (ERROR_UNABLE_TO_MOVE_REPLACEMENT), agent.ps1 moves the
     * verified temporary file into place before cleaning up, so the destination is never left without any copy.
     */
    @Test
    void powerShellAgentKeepsTheOnlyCopyWhenReplaceFailsHalfway() {
        String script = RemotePlatform.WINDOWS.agentScript();
        int replace = script.indexOf("[IO.File]::Replace($script:Temp, $path, $null)");
        int recover = script.indexOf("if (-not [IO.File]::Exists($path) -and [IO.File]::Exists($script:Temp))", replace);
        assertThat(replace).isPositive();
        assertThat(recover).isGreaterThan(replace);
        assertThat(script.indexOf("Remove-Temp", replace)).isGreaterThan(recover);
    }

    /**
     * File.Replace over a destination another process holds open fails with ERROR_UNABLE_TO_REMOVE_REPLACED (1175),
     * not a sharing violation: agent.ps1 reports it as FILE_IN_USE, as docs/file-transfer.md promises.
     */
    @Test
    void powerShellAgentReportsAReplaceOfAnOpenDestinationAsFileInUse() {
        assertThat(RemotePlatform.WINDOWS.agentScript()).containsPattern("\\n\\s*1175 \\{ return 'FILE_IN_USE' \\}");
    }

    /**
     * A destination below a regular file: .NET's CreateDirectory (and File.Move onto a directory) fail with
     * ERROR_ALREADY_EXISTS (183); agent.ps1 reports NOT_A_DIRECTORY there, as agent.py does for EEXIST/ENOTDIR.
     */
    @Test
    void powerShellAgentReportsAnExistingNonDirectoryAsNotADirectory() {
        assertThat(RemotePlatform.WINDOWS.agentScript())
                .containsPattern("\\n\\s*183 \\{ return 'NOT_A_DIRECTORY' \\}");
    }

    /** Both agents implement the same frames and report the same reasons (a guard against one drifting). */
    @Test
    void bothAgentsHandleEveryFrameTypeAndReportOnlyKnownReasons() {
        String python = RemotePlatform.POSIX.agentScript();
        String powerShell = RemotePlatform.WINDOWS.agentScript();
        for (char type : "VNRKXSCEZ".toCharArray()) {
            assertThat(python).as("agent.py writes " + type).contains("b\"" + type + "\"");
            assertThat(powerShell).as("agent.ps1 writes " + type).contains("'" + type + "'");
        }
        for (char type : "UBCEAPQG".toCharArray()) {
            assertThat(python).as("agent.py reads " + type).contains("b\"" + type + "\"");
            assertThat(powerShell).as("agent.ps1 reads " + type).contains("'" + type + "'");
        }
        for (String agent : List.of(python, powerShell)) {
            Matcher reasons = Pattern.compile("'([A-Z_]{6,})'|\"([A-Z_]{6,})\"").matcher(agent);
            while (reasons.find()) {
                String name = reasons.group(1) != null ? reasons.group(1) : reasons.group(2);
                if (List.of("ALWAYS", "IF_CHANGED", "NEVER", "SEND", "SKIP_UNCHANGED", "SKIP_EXISTING", "DIRECTORY",
                        "COPIED").contains(name)) {
                    continue;
                }
                assertThat(FileTransferException.Reason.valueOf(name)).as(name).isNotNull();
            }
        }
    }
}
