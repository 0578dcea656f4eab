package io.jenkins.plugins.winrmcredssp.runner;

import io.jenkins.plugins.winrmcredssp.protocol.wsman.PowerShellCommand;
import io.jenkins.plugins.winrmcredssp.protocol.wsman.RemoteCommand;
import java.io.Serializable;
import java.time.Duration;
import java.util.Objects;

/**
 * What to run on the Windows host: a cmd.exe command line (as {@code bat} runs it) or a PowerShell script (as
 * {@code powershell} runs it, via {@link PowerShellCommand}).
 */
public final class RemoteScript implements Serializable {
    private static final long serialVersionUID = 1L;

    /** The interpreter that runs the text. */
    public enum Kind { CMD, POWERSHELL }

    private final Kind kind;
    private final String text;

    private RemoteScript(Kind kind, String text) {
        this.kind = Objects.requireNonNull(kind, "kind");
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException((kind == Kind.CMD ? "command" : "powershell script") + " is empty");
        }
        this.text = text;
    }

    public static RemoteScript cmd(String commandLine) {
        return new RemoteScript(Kind.CMD, commandLine);
    }

    public static RemoteScript powerShell(String script) {
        return new RemoteScript(Kind.POWERSHELL, script);
    }

    public Kind kind() {
        return kind;
    }

    public String text() {
        return text;
    }

    /** The cmd.exe command, limited to {@code timeout} when given. */
    RemoteCommand command(Duration timeout) {
        return RemoteCommand.of(text).withTimeout(timeout);
    }

    /** The PowerShell command (script on stdin when it is too long for cmd.exe), limited to {@code timeout}. */
    PowerShellCommand powerShellCommand(Duration timeout) {
        PowerShellCommand ps = PowerShellCommand.of(text);
        return new PowerShellCommand(ps.command().withTimeout(timeout), ps.stdin());
    }

    /** Kind and length only: the text may hold anything. */
    @Override
    public String toString() {
        return "RemoteScript[" + kind + ", " + text.length() + " chars]";
    }

    private Object readResolve() {
        return new RemoteScript(kind, text);
    }
}
