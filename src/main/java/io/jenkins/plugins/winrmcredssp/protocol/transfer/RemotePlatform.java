package io.jenkins.plugins.winrmcredssp.protocol.transfer;

import io.jenkins.plugins.winrmcredssp.protocol.wsman.PowerShellCommand;
import io.jenkins.plugins.winrmcredssp.protocol.wsman.RemoteCommand;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Which agent implementation speaks the transfer protocol on the remote side. Both start from a bootstrap on the
 * command line that reads the agent script from stdin (a decimal byte count, a line feed, then the UTF-8 script), so
 * the command line is short and constant, and no path or other data ever travels in it.
 */
public enum RemotePlatform {
    /**
     * Windows PowerShell 3.0+: {@code agent.ps1}, launched with {@code powershell -EncodedCommand} (a constant
     * bootstrap of a few hundred characters, far below cmd.exe's 8191) and raw binary stdin/stdout streams.
     */
    WINDOWS("agent.ps1") {
        @Override
        RemoteCommand command() {
            PowerShellCommand powerShell = PowerShellCommand.of(POWERSHELL_BOOTSTRAP);
            return powerShell.command().withConsoleModeStdin(false);
        }
    },
    /** Any POSIX host with {@code python3} on the PATH (the local test service): {@code agent.py}. */
    POSIX("agent.py") {
        @Override
        RemoteCommand command() {
            return new RemoteCommand("python3", List.of("-c", "'" + PYTHON_BOOTSTRAP + "'"), false, false, null);
        }
    };

    /**
     * Reads the script length line byte by byte from the raw stdin stream (no reader buffers ahead), then the script,
     * and runs it with that stream; anything the script might leave in the pipeline is discarded, so nothing but the
     * agent's frames reaches stdout.
     */
    static final String POWERSHELL_BOOTSTRAP = "$ErrorActionPreference='Stop';$i=[Console]::OpenStandardInput();"
            + "$l='';while(($c=$i.ReadByte()) -ne 10){if($c -lt 0){exit 3};$l+=[char]$c};$n=[int]$l.Trim();"
            + "$b=New-Object byte[] $n;$o=0;while($o -lt $n){$r=$i.Read($b,$o,$n-$o);if($r -le 0){exit 3};$o+=$r};"
            + "& ([ScriptBlock]::Create((New-Object Text.UTF8Encoding($false,$true)).GetString($b))) $i | Out-Null";

    static final String PYTHON_BOOTSTRAP = "import sys;IN=sys.stdin.buffer;OUT=sys.stdout.buffer;n=int(IN.readline());"
            + "exec(compile(IN.read(n),\"agent.py\",\"exec\"))";

    private final String script;
    /** {@link #stdinPreamble()}, read from the jar by the first transfer to this platform. */
    private volatile byte[] preamble;

    RemotePlatform(String script) {
        this.script = script;
    }

    /** The command that starts the agent's bootstrap. */
    abstract RemoteCommand command();

    /** The agent script's text. */
    String agentScript() {
        try (InputStream in = RemotePlatform.class.getResourceAsStream(script)) {
            if (in == null) {
                throw new IllegalStateException("agent script " + script + " is missing from the jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * What the bootstrap expects first on stdin: the script's byte count, a line feed, the UTF-8 script. The same
     * array every time: read it, never change it.
     */
    byte[] stdinPreamble() {
        byte[] cached = preamble;
        if (cached == null) {
            cached = readPreamble();
            preamble = cached;
        }
        return cached;
    }

    private byte[] readPreamble() {
        byte[] body = agentScript().getBytes(StandardCharsets.UTF_8);
        byte[] head = (body.length + "\n").getBytes(StandardCharsets.US_ASCII);
        byte[] all = new byte[head.length + body.length];
        System.arraycopy(head, 0, all, 0, head.length);
        System.arraycopy(body, 0, all, head.length, body.length);
        return all;
    }
}
