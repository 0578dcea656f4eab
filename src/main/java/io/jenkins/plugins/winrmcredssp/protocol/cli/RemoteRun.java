package io.jenkins.plugins.winrmcredssp.protocol.cli;

import io.jenkins.plugins.winrmcredssp.protocol.auth.UserCredentials;
import io.jenkins.plugins.winrmcredssp.protocol.kerberos.KerberosSettings;
import io.jenkins.plugins.winrmcredssp.protocol.wsman.PowerShellCommand;
import io.jenkins.plugins.winrmcredssp.protocol.wsman.RemoteCommand;
import io.jenkins.plugins.winrmcredssp.protocol.wsman.ShellOptions;
import io.jenkins.plugins.winrmcredssp.protocol.wsman.WinRmShell;
import io.jenkins.plugins.winrmcredssp.protocol.wsman.WsmanSettings;
import io.jenkins.plugins.winrmcredssp.protocol.wsman.http.HttpsTrust;
import io.jenkins.plugins.winrmcredssp.protocol.wsman.http.SessionInfo;
import io.jenkins.plugins.winrmcredssp.protocol.wsman.http.WinRmConnection;
import io.jenkins.plugins.winrmcredssp.protocol.wsman.http.WinRmCredSspClient;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Duration;
import java.util.Arrays;
import java.util.function.Consumer;

/** One CLI invocation's remote work through {@link WinRmCredSspClient}: a fresh shell, one command, exit code. */
final class RemoteRun {
    private RemoteRun() {
    }

    /**
     * @param password wiped before returning
     * @param session  told the session details once the shell is open (before any output)
     * @return the remote exit code
     */
    static int run(CliOptions options, char[] password, OutputStream stdout, OutputStream stderr,
            Consumer<SessionInfo> session) throws IOException {
        return inShell(options, password, session, shell -> {
            if (options.powerShell()) {
                PowerShellCommand ps = PowerShellCommand.of(options.commandText());
                return shell.run(withTimeout(ps.command(), options.timeout()),
                        ps.usesStdin() ? ps.stdinStream() : null, stdout, stderr);
            }
            RemoteCommand command = RemoteCommand.of(options.command().get(0),
                    options.command().subList(1, options.command().size()).toArray(String[]::new));
            return shell.run(withTimeout(command, options.timeout()), null, stdout, stderr);
        });
    }

    /** Work done in the invocation's shell. */
    @FunctionalInterface
    interface ShellWork<T> {
        T run(WinRmShell shell) throws IOException;
    }

    /**
     * Connects, opens a shell with the invocation's environment and working directory, tells {@code session} what was
     * negotiated, does the work, then deletes the shell and closes the connection.
     *
     * @param password wiped before returning
     */
    static <T> T inShell(CliOptions options, char[] password, Consumer<SessionInfo> session, ShellWork<T> work)
            throws IOException {
        UserCredentials user = UserCredentials.parse(options.user(), password);
        Arrays.fill(password, '\0');
        try (WinRmCredSspClient client = WinRmCredSspClient.connect(connection(options, user))) {
            ShellOptions shellOptions = ShellOptions.defaults().withEnvironment(options.environment());
            if (options.workdir() != null) {
                shellOptions = shellOptions.withWorkingDirectory(options.workdir());
            }
            try (WinRmShell shell = client.openShell(shellOptions)) {
                client.sessionInfo().ifPresent(session);
                return work.run(shell);
            }
        } finally {
            user.destroy();
        }
    }

    static WinRmConnection connection(CliOptions options, UserCredentials user) {
        WinRmConnection.Builder builder = WinRmConnection.builder(options.endpoint(), user)
                .mechanism(options.authMechanism())
                .minimumCredSspVersion(options.minCredSspVersion())
                .httpsTrust(httpsTrust(options.trust()));
        if (options.timeout() != null && options.timeout().compareTo(WsmanSettings.DEFAULT_OPERATION_TIMEOUT) < 0) {
            // the command's deadline is checked between Receives, which each wait up to the OperationTimeout
            builder.operationTimeout(options.timeout());
        }
        if (options.spn() != null) {
            builder.spn(options.spn());
        }
        if (options.krb5Conf() != null) {
            builder.kerberos(KerberosSettings.defaults().withKrb5Conf(options.krb5Conf()));
        }
        return builder.build();
    }

    private static HttpsTrust httpsTrust(ServerTrust trust) {
        return switch (trust.kind()) {
            case DEFAULT -> HttpsTrust.jvmDefault();
            case CA_FILE -> HttpsTrust.caCertificate(trust.caFile());
            case THUMBPRINT -> HttpsTrust.thumbprint(trust.sha256Thumbprint());
            case INSECURE -> HttpsTrust.insecure();
        };
    }

    private static RemoteCommand withTimeout(RemoteCommand command, Duration timeout) {
        return timeout == null ? command : command.withTimeout(timeout);
    }
}
