package io.jenkins.plugins.winrmcredssp.protocol.wsman;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * A command line for [MS-WSMV] 3.1.4.11 Command. Unless {@code skipCmdShell}, Windows runs it through
 * {@code cmd.exe /c}, whose command line is limited to about 8 K characters.
 *
 * @param command          program (or whole cmd.exe command line)
 * @param arguments        each sent as its own {@code Arguments} element; Windows joins them with spaces
 * @param consoleModeStdin WINRS_CONSOLEMODE_STDIN: stdin is a console rather than a pipe
 * @param skipCmdShell     WINRS_SKIP_CMD_SHELL: start the program directly, without cmd.exe
 * @param timeout          limit for the whole command; {@code null} for none. When it passes the command is
 *                         terminated, the shell deleted and {@link CommandAbortedException} thrown
 */
public record RemoteCommand(String command, List<String> arguments, boolean consoleModeStdin, boolean skipCmdShell,
        Duration timeout) {
    public RemoteCommand {
        Objects.requireNonNull(command, "command");
        if (command.isBlank()) {
            throw new IllegalArgumentException("command is empty");
        }
        arguments = List.copyOf(arguments);
        if (timeout != null && (timeout.isNegative() || timeout.isZero())) {
            throw new IllegalArgumentException("timeout must be positive, not " + timeout);
        }
    }

    /** Through cmd.exe, console-mode stdin, no time limit. */
    public static RemoteCommand of(String command, String... arguments) {
        return new RemoteCommand(command, List.of(arguments), true, false, null);
    }

    public RemoteCommand withTimeout(Duration value) {
        return new RemoteCommand(command, arguments, consoleModeStdin, skipCmdShell, value);
    }

    public RemoteCommand withSkipCmdShell(boolean value) {
        return new RemoteCommand(command, arguments, consoleModeStdin, value, timeout);
    }

    public RemoteCommand withConsoleModeStdin(boolean value) {
        return new RemoteCommand(command, arguments, value, skipCmdShell, timeout);
    }

    /** The command line as cmd.exe sees it: command and arguments joined by spaces. */
    public String commandLine() {
        return arguments.isEmpty() ? command : command + " " + String.join(" ", arguments);
    }
}
