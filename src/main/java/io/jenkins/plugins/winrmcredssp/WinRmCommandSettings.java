package io.jenkins.plugins.winrmcredssp;

import io.jenkins.plugins.winrmcredssp.runner.RemoteScript;
import java.io.Serializable;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * What the pipeline step and the freestyle builder are configured with (everything but the step's return options),
 * held by both so they validate and translate it the same way. Only the credentials ID is stored, never a secret.
 */
public final class WinRmCommandSettings implements Serializable {
    private static final long serialVersionUID = 1L;

    private final String host;
    private final String credentialsId;
    private String command;
    private String powershell;
    private int port;
    private String transport = "https";
    private String certificateThumbprint;
    private String caCertificate;
    private boolean skipCertificateVerification;
    private String authMechanism = "auto";
    private String spn;
    private int minCredSSPVersion = WinRmConnectionOptions.MAX_CREDSSP_VERSION;
    private int timeout;
    private String workingDirectory;
    private String environment;

    public WinRmCommandSettings(String host, String credentialsId) {
        this.host = trimToNull(host);
        this.credentialsId = trimToNull(credentialsId);
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
    public WinRmConnectionOptions toOptions() {
        return WinRmConnectionOptions.builder(host)
                .transport(parse(WinRmConnectionOptions.Transport.class, transport, "transport"))
                .port(port)
                .certificateThumbprint(certificateThumbprint)
                .caCertificatesPem(caCertificate)
                .skipCertificateVerification(skipCertificateVerification)
                .authMechanism(parse(WinRmConnectionOptions.AuthMechanism.class, authMechanism, "authMechanism"))
                .spn(spn)
                .minCredSspVersion(minCredSSPVersion)
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

    private static <E extends Enum<E>> E parse(Class<E> type, String value, String name) {
        String v = value == null || value.isBlank() ? null : value.strip().toUpperCase(Locale.ROOT);
        if (v == null) {
            return type.getEnumConstants()[0];
        }
        try {
            return Enum.valueOf(type, v);
        } catch (IllegalArgumentException e) {
            StringBuilder allowed = new StringBuilder();
            for (E constant : type.getEnumConstants()) {
                allowed.append(allowed.length() == 0 ? "" : ", ").append(constant.name().toLowerCase(Locale.ROOT));
            }
            throw new IllegalArgumentException(name + " must be one of " + allowed + ", not '" + value + "'", e);
        }
    }

    static String trimToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    public String getHost() {
        return host;
    }

    public String getCredentialsId() {
        return credentialsId;
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

    public int getPort() {
        return port;
    }

    public void setPort(int port) {
        this.port = port;
    }

    public String getTransport() {
        return transport;
    }

    public void setTransport(String transport) {
        this.transport = trimToNull(transport) == null ? "https" : transport.strip().toLowerCase(Locale.ROOT);
    }

    public String getCertificateThumbprint() {
        return certificateThumbprint;
    }

    public void setCertificateThumbprint(String certificateThumbprint) {
        this.certificateThumbprint = trimToNull(certificateThumbprint);
    }

    public String getCaCertificate() {
        return caCertificate;
    }

    public void setCaCertificate(String caCertificate) {
        this.caCertificate = trimToNull(caCertificate);
    }

    public boolean isSkipCertificateVerification() {
        return skipCertificateVerification;
    }

    public void setSkipCertificateVerification(boolean skipCertificateVerification) {
        this.skipCertificateVerification = skipCertificateVerification;
    }

    public String getAuthMechanism() {
        return authMechanism;
    }

    public void setAuthMechanism(String authMechanism) {
        this.authMechanism = trimToNull(authMechanism) == null ? "auto" : authMechanism.strip().toLowerCase(Locale.ROOT);
    }

    public String getSpn() {
        return spn;
    }

    public void setSpn(String spn) {
        this.spn = trimToNull(spn);
    }

    public int getMinCredSSPVersion() {
        return minCredSSPVersion;
    }

    public void setMinCredSSPVersion(int minCredSSPVersion) {
        this.minCredSSPVersion = minCredSSPVersion;
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
