package io.jenkins.plugins.winrmcredssp;

import io.jenkins.plugins.winrmcredssp.runner.RemoteScript;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What the command step and the command builder are configured with besides the connection (everything but the
 * step's return options), held by both so they validate and translate it the same way.
 */
public final class WinRmCommandSettings extends WinRmConnectionSettings {
    private static final long serialVersionUID = 1L;

    private String command;
    private String powershell;
    private int timeout;
    private String workingDirectory;
    private String environment;

    public WinRmCommandSettings(String host, String credentialsId) {
        super(host, credentialsId);
    }

    /**
     * The one script to run.
     *
     * @throws IllegalArgumentException when neither or both of command and powershell are set
     */
    public RemoteScript script() {
        if (command != null && powershell != null) {
            throw new IllegalArgumentException(Messages.WinRmCommandSettings_BothScripts());
        }
        if (command == null && powershell == null) {
            throw new IllegalArgumentException(Messages.WinRmCommandSettings_NoScript());
        }
        return command != null ? RemoteScript.cmd(command) : RemoteScript.powerShell(powershell);
    }

    /** @throws IllegalArgumentException naming the first invalid option */
    @Override
    public WinRmConnectionOptions toOptions() {
        return optionsBuilder()
                .timeout(timeout > 0 ? Duration.ofSeconds(timeout) : null)
                .workingDirectory(workingDirectory)
                .environment(parseEnvironment(environment))
                .build();
    }

    /** {@code NAME=value} lines; blank lines and lines starting with {@code #} are skipped. */
    static Map<String, String> parseEnvironment(String lines) {
        Map<String, String> env = new LinkedHashMap<>();
        if (lines == null) {
            return env;
        }
        for (String line : lines.split("\\r?\\n")) {
            String trimmed = line.strip();
            if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                continue;
            }
            int eq = trimmed.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException(Messages.WinRmCommandSettings_BadEnvironmentLine(trimmed));
            }
            env.put(trimmed.substring(0, eq).strip(), trimmed.substring(eq + 1));
        }
        return env;
    }

    public String getCommand() {
        return command;
    }

    public void setCommand(String command) {
        this.command = trimToNull(command) == null ? null : command;
    }

    public String getPowershell() {
        return powershell;
    }

    public void setPowershell(String powershell) {
        this.powershell = trimToNull(powershell) == null ? null : powershell;
    }

    public int getTimeout() {
        return timeout;
    }

    public void setTimeout(int timeout) {
        this.timeout = timeout;
    }

    public String getWorkingDirectory() {
        return workingDirectory;
    }

    public void setWorkingDirectory(String workingDirectory) {
        this.workingDirectory = trimToNull(workingDirectory);
    }

    public String getEnvironment() {
        return environment;
    }

    public void setEnvironment(String environment) {
        this.environment = trimToNull(environment);
    }
}
