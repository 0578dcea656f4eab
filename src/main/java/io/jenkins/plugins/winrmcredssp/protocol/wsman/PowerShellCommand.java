package io.jenkins.plugins.winrmcredssp.protocol.wsman;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Objects;

/**
 * Turns a PowerShell script of any length into a command for the cmd shell.
 *
 * <p>Short scripts travel as {@code powershell -NoProfile -NonInteractive -EncodedCommand <base64 of UTF-16LE>}.
 * cmd.exe refuses command lines over 8191 characters, so a longer script is sent on stdin instead, as base64 of its
 * UTF-8 bytes (plain ASCII, so the console code page cannot garble it), read and run by a short encoded bootstrap:
 * the script is dot-sourced, so {@code exit n}, {@code $ErrorActionPreference} and friends behave as they would in an
 * encoded command.
 *
 * @param command the command line
 * @param stdin   bytes to send on stdin, or {@code null} when the script is carried by the command line
 */
public record PowerShellCommand(RemoteCommand command, byte[] stdin) {
    /** Longest command line cmd.exe accepts. */
    public static final int CMD_LINE_LIMIT = 8191;

    private static final String POWERSHELL = "powershell";
    private static final List<String> FLAGS = List.of("-NoProfile", "-NonInteractive");
    /** Reads base64 UTF-8 script text from stdin and dot-sources it. */
    static final String STDIN_BOOTSTRAP = "$s = [Text.Encoding]::UTF8.GetString([Convert]::FromBase64String("
            + "[Console]::In.ReadToEnd())); . ([ScriptBlock]::Create($s))";

    public PowerShellCommand {
        Objects.requireNonNull(command, "command");
    }

    /** An encoded command when it fits cmd.exe's line, else {@link #viaStdin}. */
    public static PowerShellCommand of(String script) {
        Objects.requireNonNull(script, "script");
        RemoteCommand encoded = encodedCommand(script);
        if (encoded.commandLine().length() <= CMD_LINE_LIMIT) {
            return new PowerShellCommand(encoded, null);
        }
        return viaStdin(script);
    }

    /**
     * Always through stdin, whatever the length: also keeps the script out of the remote process's command line,
     * which other users of the host can read (use it for scripts that hold secrets).
     */
    public static PowerShellCommand viaStdin(String script) {
        Objects.requireNonNull(script, "script");
        byte[] stdin = (Base64.getEncoder().encodeToString(script.getBytes(StandardCharsets.UTF_8)) + "\r\n")
                .getBytes(StandardCharsets.US_ASCII);
        return new PowerShellCommand(encodedCommand(STDIN_BOOTSTRAP).withConsoleModeStdin(false), stdin);
    }

    /** {@code -EncodedCommand} argument: base64 of the UTF-16LE script. */
    public static String encode(String script) {
        return Base64.getEncoder().encodeToString(script.getBytes(StandardCharsets.UTF_16LE));
    }

    private static RemoteCommand encodedCommand(String script) {
        List<String> arguments = new ArrayList<>(FLAGS);
        arguments.add("-EncodedCommand");
        arguments.add(encode(script));
        return new RemoteCommand(POWERSHELL, arguments, true, false, null);
    }

    /** Whether the script travels on stdin. */
    public boolean usesStdin() {
        return stdin != null;
    }

    /** {@code stdin} as a stream, or {@code null}. */
    public InputStream stdinStream() {
        return stdin == null ? null : new ByteArrayInputStream(stdin);
    }
}
