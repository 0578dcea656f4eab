package io.jenkins.plugins.winrmcredssp.protocol.wsman.http;

import io.jenkins.plugins.winrmcredssp.protocol.ProtocolException;
import io.jenkins.plugins.winrmcredssp.protocol.auth.Mechanism;
import io.jenkins.plugins.winrmcredssp.protocol.auth.SecurityContext;
import io.jenkins.plugins.winrmcredssp.protocol.credssp.CredSspClientContext;
import io.jenkins.plugins.winrmcredssp.protocol.kerberos.KerberosException;
import io.jenkins.plugins.winrmcredssp.protocol.kerberos.KerberosInitiatorContext;
import io.jenkins.plugins.winrmcredssp.protocol.kerberos.KerberosSettings;
import io.jenkins.plugins.winrmcredssp.protocol.ntlm.NtlmInitiatorContext;
import io.jenkins.plugins.winrmcredssp.protocol.spnego.FallbackReason;
import io.jenkins.plugins.winrmcredssp.protocol.spnego.SpnegoCandidate;
import io.jenkins.plugins.winrmcredssp.protocol.spnego.SpnegoInitiatorContext;
import io.jenkins.plugins.winrmcredssp.protocol.wsman.RemoteCommand;
import io.jenkins.plugins.winrmcredssp.protocol.wsman.ShellOptions;
import io.jenkins.plugins.winrmcredssp.protocol.wsman.WinRmClient;
import io.jenkins.plugins.winrmcredssp.protocol.wsman.WinRmShell;
import io.jenkins.plugins.winrmcredssp.protocol.wsman.WsmanSettings;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Runs commands on a Windows host over WinRM authenticated with CredSSP: the public entry point of the protocol
 * library.
 *
 * <pre>{@code
 * try (WinRmCredSspClient client = WinRmCredSspClient.connect(WinRmConnection.builder(endpoint, user).build())) {
 *     int exit = client.run("ipconfig", List.of("/all"), System.out, System.err);
 *     log(client.sessionInfo().describe());
 * }
 * }</pre>
 *
 * The connection is authenticated lazily, with the first request. {@link #close()} deletes the shells still open and
 * closes the connection. Not meant for concurrent use from several threads (calls are serialised).
 */
public final class WinRmCredSspClient implements AutoCloseable {
    private final WinRmConnection connection;
    private final CredSspHttpTransport transport;
    private final WinRmClient client;
    private final List<WinRmShell> shells = new ArrayList<>();
    private volatile SpnegoInitiatorContext lastSpnego;

    private WinRmCredSspClient(WinRmConnection connection) throws IOException {
        this.connection = connection;
        this.transport = CredSspHttpTransport.builder(connection.endpoint(), this::newContext)
                .connectTimeout(connection.connectTimeout())
                .requestTimeout(connection.requestTimeout())
                .httpsTrust(connection.httpsTrust())
                .build();
        this.client = new WinRmClient(transport, WsmanSettings.defaults(connection.endpoint().toString())
                .withOperationTimeout(connection.operationTimeout()));
    }

    /** Sets up the client; nothing goes on the network before the first operation. */
    public static WinRmCredSspClient connect(WinRmConnection connection) throws IOException {
        return new WinRmCredSspClient(connection);
    }

    /** Opens a shell, deleted by {@link WinRmShell#close()} or at the latest by {@link #close()}. */
    public synchronized WinRmShell openShell(ShellOptions options) throws IOException {
        WinRmShell shell = client.openShell(options);
        shells.removeIf(s -> !s.isOpen());
        shells.add(shell);
        return shell;
    }

    /** Runs {@code command arguments...} through cmd.exe in a fresh shell (UTF-8 code page), then deletes the shell. */
    public int run(String command, List<String> arguments, OutputStream stdout, OutputStream stderr) throws IOException {
        return run(ShellOptions.defaults(), RemoteCommand.of(command, arguments.toArray(String[]::new)), null, stdout, stderr);
    }

    /** Runs one command in a fresh shell with these options and stdin ({@code null} for none). */
    public int run(ShellOptions options, RemoteCommand command, InputStream stdin, OutputStream stdout,
            OutputStream stderr) throws IOException {
        try (WinRmShell shell = openShell(options)) {
            return shell.run(command, stdin, stdout, stderr);
        }
    }

    /** Runs a PowerShell script in a fresh shell; CLIXML on stderr is decoded. */
    public int runPowerShell(String script, OutputStream stdout, OutputStream stderr) throws IOException {
        try (WinRmShell shell = openShell(ShellOptions.defaults())) {
            return shell.runPowerShell(script, stdout, stderr);
        }
    }

    /**
     * What the current session negotiated; empty before the first operation authenticated the connection.
     */
    public synchronized Optional<SessionInfo> sessionInfo() {
        CredSspClientContext session = transport.session();
        if (session == null || !session.isComplete()) {
            return Optional.empty();
        }
        Optional<String> fallback = Optional.empty();
        if (lastSpnego != null && !lastSpnego.fallbackReasons().isEmpty()) {
            fallback = Optional.of(lastSpnego.fallbackReasons().stream().map(FallbackReason::describe)
                    .collect(Collectors.joining("; ")));
        }
        Mechanism inner = session.innerMechanism();
        return Optional.of(new SessionInfo(connection.endpoint(), !transport.https(), session.tlsProtocol(),
                session.tlsCipherSuite(), session.negotiatedVersion(), inner, transport.legs(),
                transport.authentications(), fallback));
    }

    /** The transport, e.g. for its leg count. */
    public CredSspHttpTransport transport() {
        return transport;
    }

    private CredSspClientContext newContext() throws IOException {
        SecurityContext inner = innerContext();
        return CredSspClientContext.builder(connection.credentials(), inner)
                .minimumVersion(connection.minimumCredSspVersion())
                .tlsOptions(connection.credSspTls())
                .build();
    }

    private SecurityContext innerContext() {
        String spn = connection.spn();
        String host = connection.endpoint().getHost();
        KerberosSettings kerberos = connection.kerberos().servicePrincipal() == null
                ? connection.kerberos().withServicePrincipal(spn) : connection.kerberos();
        SpnegoCandidate kerberosCandidate = new SpnegoCandidate(Mechanism.KERBEROS,
                () -> new KerberosInitiatorContext(connection.credentials(), host, kerberos),
                WinRmCredSspClient::kerberosUnavailable);
        switch (connection.mechanism()) {
            case NTLM:
                lastSpnego = null;
                return ntlm(spn);
            case KERBEROS:
                lastSpnego = SpnegoInitiatorContext.withoutFallback(kerberosCandidate);
                return lastSpnego;
            default:
                lastSpnego = new SpnegoInitiatorContext(List.of(kerberosCandidate,
                        new SpnegoCandidate(Mechanism.NTLM, () -> ntlm(spn))));
                return lastSpnego;
        }
    }

    private static boolean kerberosUnavailable(ProtocolException failure) {
        return failure instanceof KerberosException k && k.kerberosUnavailable();
    }

    private NtlmInitiatorContext ntlm(String spn) {
        return NtlmInitiatorContext.builder(connection.credentials()).targetSpn(spn).build();
    }

    /** Deletes the shells still open (errors are attached to the first one thrown) and closes the connection. */
    @Override
    public synchronized void close() throws IOException {
        IOException failure = null;
        try {
            for (WinRmShell shell : shells) {
                try {
                    shell.close();
                } catch (IOException | RuntimeException e) {
                    IOException wrapped = e instanceof IOException io ? io : new IOException(e);
                    if (failure == null) {
                        failure = wrapped;
                    } else {
                        failure.addSuppressed(wrapped);
                    }
                }
            }
            shells.clear();
        } finally {
            transport.close();
        }
        if (failure != null) {
            throw failure;
        }
    }
}
