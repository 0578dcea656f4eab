package io.jenkins.plugins.winrmcredssp.protocol.wsman;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Clock;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * Entry point of the Windows Remote Shell client: opens {@link WinRmShell}s over a {@link WsmanTransport}.
 *
 * <pre>{@code
 * WinRmClient client = new WinRmClient(transport, WsmanSettings.defaults("http://host:5985/wsman"));
 * try (WinRmShell shell = client.openShell(ShellOptions.defaults())) {
 *     int exitCode = shell.run("ipconfig", List.of("/all"), System.out, System.err);
 * }
 * }</pre>
 */
public final class WinRmClient {
    private final WsmanTransport transport;
    private final WsmanRequestBuilder requests;
    private final Clock clock;

    public WinRmClient(WsmanTransport transport, WsmanSettings settings) {
        this(transport, settings, UUID::randomUUID, Clock.systemUTC());
    }

    /** @param messageIds source of MessageIDs; @param clock measures command timeouts (both injected for tests) */
    public WinRmClient(WsmanTransport transport, WsmanSettings settings, Supplier<UUID> messageIds, Clock clock) {
        this.transport = Objects.requireNonNull(transport, "transport");
        this.requests = new WsmanRequestBuilder(settings, messageIds);
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    public WsmanSettings settings() {
        return requests.settings();
    }

    /**
     * Opens a shell, runs one command and deletes the shell; errors while deleting are attached to a failure as
     * suppressed exceptions.
     *
     * @param stdin sent to the command then closed; {@code null} for none
     * @return the command's exit code
     */
    public int run(ShellOptions options, RemoteCommand command, InputStream stdin, OutputStream stdout,
            OutputStream stderr) throws IOException {
        try (WinRmShell shell = openShell(options)) {
            return shell.run(command, stdin, stdout, stderr);
        }
    }

    /** Creates a shell ([MS-WSMV] 3.1.4.5). Close it (try-with-resources) to delete it on the server. */
    public WinRmShell openShell(ShellOptions options) throws IOException {
        WsmanRequest create = requests.createShell(options);
        String shellId = CreateShellResponse.shellId(transport.exchange(create.envelope()), create);
        return new WinRmShell(transport, requests, clock, shellId, options);
    }
}
