package io.jenkins.plugins.winrmcredssp.protocol.cli;

import io.jenkins.plugins.winrmcredssp.protocol.auth.Mechanism;
import io.jenkins.plugins.winrmcredssp.protocol.auth.SecurityContext;
import io.jenkins.plugins.winrmcredssp.protocol.auth.UserCredentials;
import io.jenkins.plugins.winrmcredssp.protocol.credssp.CredSspClientContext;
import io.jenkins.plugins.winrmcredssp.protocol.kerberos.KerberosInitiatorContext;
import io.jenkins.plugins.winrmcredssp.protocol.kerberos.KerberosSettings;
import io.jenkins.plugins.winrmcredssp.protocol.ntlm.NtlmInitiatorContext;
import io.jenkins.plugins.winrmcredssp.protocol.spnego.SpnegoCandidate;
import io.jenkins.plugins.winrmcredssp.protocol.spnego.SpnegoInitiatorContext;
import io.jenkins.plugins.winrmcredssp.protocol.wsman.PowerShellCommand;
import io.jenkins.plugins.winrmcredssp.protocol.wsman.RemoteCommand;
import io.jenkins.plugins.winrmcredssp.protocol.wsman.ShellOptions;
import io.jenkins.plugins.winrmcredssp.protocol.wsman.WinRmClient;
import io.jenkins.plugins.winrmcredssp.protocol.wsman.WsmanSettings;
import io.jenkins.plugins.winrmcredssp.protocol.wsman.WsmanTransport;
import java.util.Arrays;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/** One CLI invocation's remote work: connect, authenticate with CredSSP, run the command in a fresh shell. */
final class RemoteRun {
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(30);

    private RemoteRun() {
    }

    /**
     * @param password wiped before returning
     * @param session  told the session details once authenticated (for {@code --verbose})
     * @return the remote exit code
     */
    static int run(CliOptions options, char[] password, OutputStream stdout, OutputStream stderr,
            Consumer<SessionInfo> session) throws IOException {
        UserCredentials user = UserCredentials.parse(options.user(), password);
        Arrays.fill(password, '\0');
        try {
            WsmanSettings settings = WsmanSettings.defaults(options.endpoint().toString());
            Duration readTimeout = settings.operationTimeout().plus(Duration.ofSeconds(30));
            boolean https = "https".equalsIgnoreCase(options.endpoint().getScheme());
            HttpConnection http;
            try {
                http = new HttpConnection(options.endpoint(), https ? TrustConfiguration.sslContext(options.trust()) : null,
                        CONNECT_TIMEOUT, readTimeout);
            } catch (IOException e) {
                throw new StageFailure(ExitStatus.CONNECTION, "connect to " + options.endpoint().getHost(), e);
            }
            CredSspClientContext context;
            try {
                context = CredSspClientContext.builder(user, inner(options, user))
                        .minimumVersion(options.minCredSspVersion()).build();
            } catch (IOException | RuntimeException e) {
                http.close();
                throw e;
            }
            try (CredSspHttpTransport transport = new CredSspHttpTransport(http, context, !https)) {
                ShellOptions shell = ShellOptions.defaults().withEnvironment(options.environment());
                if (options.workdir() != null) {
                    shell = shell.withWorkingDirectory(options.workdir());
                }
                boolean[] told = new boolean[1];
                WsmanTransport reporting = request -> {
                    byte[] response = transport.exchange(request);
                    if (!told[0]) {
                        told[0] = true;
                        session.accept(transport.sessionInfo());
                    }
                    return response;
                };
                WinRmClient client = new WinRmClient(reporting, settings);
                if (options.powerShell()) {
                    PowerShellCommand ps = PowerShellCommand.of(options.commandText());
                    RemoteCommand command = withTimeout(ps.command(), options.timeout());
                    return client.run(shell, command, ps.usesStdin() ? ps.stdinStream() : null, stdout, stderr);
                }
                RemoteCommand command = RemoteCommand.of(options.command().get(0),
                        options.command().subList(1, options.command().size()).toArray(String[]::new));
                return client.run(shell, withTimeout(command, options.timeout()), null, stdout, stderr);
            }
        } finally {
            user.destroy();
        }
    }

    private static RemoteCommand withTimeout(RemoteCommand command, Duration timeout) {
        return timeout == null ? command : command.withTimeout(timeout);
    }

    private static SecurityContext inner(CliOptions options, UserCredentials user) throws IOException {
        return switch (options.authMechanism()) {
            case NTLM -> NtlmInitiatorContext.builder(user).build();
            case KERBEROS -> kerberos(options, user);
            case AUTO -> {
                List<SpnegoCandidate> candidates = new ArrayList<>();
                if (options.krb5Conf() != null || options.spn() != null) {
                    candidates.add(new SpnegoCandidate(Mechanism.KERBEROS, () -> kerberos(options, user)));
                }
                candidates.add(new SpnegoCandidate(Mechanism.NTLM, () -> NtlmInitiatorContext.builder(user).build()));
                yield new SpnegoInitiatorContext(candidates);
            }
        };
    }

    private static KerberosInitiatorContext kerberos(CliOptions options, UserCredentials user) {
        KerberosSettings settings = KerberosSettings.defaults();
        if (options.spn() != null) {
            settings = settings.withServicePrincipal(options.spn());
        }
        if (options.krb5Conf() != null) {
            settings = settings.withKrb5Conf(options.krb5Conf());
        }
        return new KerberosInitiatorContext(user, options.endpoint().getHost(), settings);
    }
}
