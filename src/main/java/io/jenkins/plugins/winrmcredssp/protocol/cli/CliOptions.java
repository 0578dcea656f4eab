package io.jenkins.plugins.winrmcredssp.protocol.cli;

import io.jenkins.plugins.winrmcredssp.protocol.wsman.http.AuthMechanism;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Parsed command line of the CLI ({@link CliArguments#parse}). The password is not here: it is read once, handed to
 * the session as {@code char[]} and wiped.
 *
 * @param passwordEnv   the environment variable holding the password; {@code null} to read it from stdin
 * @param command       the words after {@code --}: a command and its arguments, or with {@code powerShell} the
 *                      words of the script text joined by spaces
 * @param timeout       the whole command's limit; {@code null} for none
 * @param krb5Conf      {@code null} for the JVM's configuration
 * @param spn           {@code null} for {@code HTTP/host}
 * @param workdir       {@code null} for the server's default
 */
public record CliOptions(URI endpoint, String user, String passwordEnv, boolean powerShell, AuthMechanism authMechanism,
        int minCredSspVersion, ServerTrust trust, Duration timeout, String workdir, Map<String, String> environment,
        Path krb5Conf, String spn, boolean verbose, List<String> command) {
    public CliOptions {
        environment = Collections.unmodifiableMap(new LinkedHashMap<>(environment));
        command = List.copyOf(command);
    }

    /** What the remote side runs, as one line (PowerShell script text, or the command line). */
    public String commandText() {
        return String.join(" ", command);
    }
}
