package io.jenkins.plugins.winrmcredssp.protocol.wsman.server;

import io.jenkins.plugins.winrmcredssp.protocol.auth.UserCredentials;
import io.jenkins.plugins.winrmcredssp.protocol.credssp.TlsServerIdentity;
import io.jenkins.plugins.winrmcredssp.protocol.ntlm.NtlmAccount;
import io.jenkins.plugins.winrmcredssp.protocol.ntlm.NtlmUserStore;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Collectors;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

/**
 * A WinRM service on loopback: HTTP/1.1 (or HTTPS with a self-signed certificate) at {@code /wsman}, pluggable
 * connection-bound authentication, MS-WSMV §2.2.9.1 message encryption on HTTP, and the Windows shell resource
 * backed by local {@code /bin/sh} processes. The end-to-end test fixture and the demo's target.
 *
 * <pre>{@code
 * try (LocalWinRmService service = LocalWinRmService.builder()
 *         .https()
 *         .authenticator(new BasicAuthenticator(List.of(UserCredentials.parse("alice", password))))
 *         .start()) {
 *     URI endpoint = service.endpoint(); // https://127.0.0.1:<port>/wsman
 * }
 * }</pre>
 *
 * <p>Each connection has its own thread (from a bounded pool) that owns its authentication state. {@link #close()}
 * stops accepting, closes every connection, kills every process it started and waits for its threads.
 */
public final class LocalWinRmService implements AutoCloseable {
    static final String THREAD_PREFIX = "local-winrm-";
    private static final Logger LOG = Logger.getLogger(LocalWinRmService.class.getName());
    private static final AtomicInteger INSTANCES = new AtomicInteger();

    /** Limits and timeouts of a service; see {@link Builder}. */
    record Config(boolean https, TlsServerIdentity identity, String[] tlsProtocols, int port, int maxConnections,
            Duration idleTimeout, Duration maxOperationTimeout, int maxHeaderBytes, int maxBodyBytes,
            int maxCommandsPerShell, int outputBufferPerStream) {
    }

    private final Config config;
    private final List<HttpAuthenticator> authenticators;
    private final Set<String> disabledSchemes = ConcurrentHashMap.newKeySet();
    private final FaultInjection faults = new FaultInjection();
    private final ShellRegistry shells;
    private final ShellOperations operations;
    private final ServerSocket serverSocket;
    private final SSLContext sslContext;
    private final ThreadPoolExecutor pool;
    private final Thread acceptor;
    private final Set<WinRmConnection> connections = ConcurrentHashMap.newKeySet();
    private final AtomicLong connectionIds = new AtomicLong();
    private volatile boolean closing;

    private LocalWinRmService(Config config, List<HttpAuthenticator> authenticators) throws IOException {
        this.config = config;
        this.authenticators = List.copyOf(authenticators);
        this.serverSocket = bind(config);
        this.sslContext = config.https() ? serverContext(config.identity()) : null;
        this.shells = new ShellRegistry(config.maxCommandsPerShell(), config.outputBufferPerStream());
        this.operations = new ShellOperations(shells, endpoint().toString(), config.maxOperationTimeout());
        String name = THREAD_PREFIX + INSTANCES.incrementAndGet();
        AtomicInteger threads = new AtomicInteger();
        this.pool = new ThreadPoolExecutor(0, config.maxConnections(), 10, TimeUnit.SECONDS, new SynchronousQueue<>(), r -> {
            Thread t = new Thread(r, name + "-connection-" + threads.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        this.acceptor = new Thread(this::acceptLoop, name + "-acceptor");
        this.acceptor.setDaemon(true);
        this.acceptor.start();
    }

    private static ServerSocket bind(Config config) throws IOException {
        return new ServerSocket(config.port(), 50, InetAddress.getByName("127.0.0.1"));
    }

    private static SSLContext serverContext(TlsServerIdentity identity) throws IOException {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(identity.keyManagers(), null, null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot set up the HTTPS listener's TLS context", e);
        }
    }

    /**
     * Server-side TLS layered over the accepted socket, so {@link #close()} can close the plain socket at once
     * (closing an SSLSocket waits for a thread blocked reading it).
     */
    private Socket secure(Socket plain) throws IOException {
        if (!config.https()) {
            return plain;
        }
        SSLSocket ssl = (SSLSocket) sslContext.getSocketFactory().createSocket(plain, null, true);
        ssl.setUseClientMode(false);
        if (config.tlsProtocols() != null) {
            ssl.setEnabledProtocols(config.tlsProtocols());
        }
        return ssl;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** {@code http://127.0.0.1:<port>/wsman} or {@code https://...}. */
    public URI endpoint() {
        return URI.create((config.https() ? "https" : "http") + "://127.0.0.1:" + port() + "/wsman");
    }

    public int port() {
        return serverSocket.getLocalPort();
    }

    public boolean https() {
        return config.https();
    }

    /** The HTTPS certificate (self-signed, CN=localhost); empty on HTTP. */
    public Optional<X509Certificate> certificate() {
        return config.https() ? Optional.of(config.identity().certificate()) : Optional.empty();
    }

    public ShellRegistry shells() {
        return shells;
    }

    public FaultInjection faults() {
        return faults;
    }

    /** Stops offering and accepting a scheme (e.g. {@code CredSSP}: a 401 then lacks it, as with CredSSP disabled). */
    public void disableScheme(String scheme) {
        disabledSchemes.add(scheme.toLowerCase(Locale.ROOT));
    }

    public void enableScheme(String scheme) {
        disabledSchemes.remove(scheme.toLowerCase(Locale.ROOT));
    }

    /** Credentials delegated through CredSSP so far (see {@link CredSspAuthenticator#delegatedLogons()}). */
    public List<CredSspAuthenticator.DelegatedLogon> delegatedLogons() {
        List<CredSspAuthenticator.DelegatedLogon> out = new ArrayList<>();
        for (HttpAuthenticator a : authenticators) {
            if (a instanceof CredSspAuthenticator credSsp) {
                out.addAll(credSsp.delegatedLogons());
            }
        }
        return out;
    }

    /** Connections currently open. */
    public int openConnections() {
        return connections.size();
    }

    Config config() {
        return config;
    }

    ShellOperations operations() {
        return operations;
    }

    boolean isClosing() {
        return closing;
    }

    List<HttpAuthenticator> offeredAuthenticators(ConnectionInfo connection) {
        List<HttpAuthenticator> out = new ArrayList<>();
        for (HttpAuthenticator a : authenticators) {
            if (!disabledSchemes.contains(a.scheme().toLowerCase(Locale.ROOT)) && a.availableOn(connection)) {
                out.add(a);
            }
        }
        return out;
    }

    Optional<HttpAuthenticator> authenticator(String scheme, ConnectionInfo connection) {
        return offeredAuthenticators(connection).stream().filter(a -> a.scheme().equalsIgnoreCase(scheme)).findFirst();
    }

    void connectionEnded(WinRmConnection connection) {
        connections.remove(connection);
    }

    private void acceptLoop() {
        while (!closing) {
            Socket socket;
            try {
                socket = serverSocket.accept();
            } catch (IOException e) {
                if (!closing) {
                    LOG.log(Level.WARNING, "accept failed", e);
                }
                return;
            }
            WinRmConnection connection;
            try {
                connection = new WinRmConnection(this, socket, secure(socket), connectionIds.incrementAndGet());
            } catch (IOException e) {
                LOG.log(Level.FINE, "cannot set up TLS on an accepted connection", e);
                closeQuietly(socket);
                continue;
            }
            connections.add(connection);
            try {
                pool.execute(connection);
            } catch (RejectedExecutionException e) {
                connections.remove(connection);
                connection.closeSocket(); // over maxConnections (or closing): refuse by closing
            }
        }
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // nothing to do
        }
    }

    /** Stops the service: no new connections, open ones closed, every started process killed, threads joined. */
    @Override
    public void close() {
        closing = true;
        try {
            serverSocket.close();
        } catch (IOException ignored) {
            // already closed
        }
        connections.forEach(WinRmConnection::closeSocket);
        shells.closeAll();
        pool.shutdownNow();
        try {
            acceptor.join(5000);
            if (!pool.awaitTermination(10, TimeUnit.SECONDS)) {
                LOG.warning("connection threads did not stop within 10 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        // one scan of the process table for all groups: a scan per started process made stopping a service that ran
        // thousands of commands take minutes
        List<ProcessHandle> started = shells.startedProcesses();
        started.stream().filter(ProcessHandle::isAlive)
                .forEach(p -> p.descendants().forEach(ProcessHandle::destroyForcibly));
        ProcessGroups.members(started.stream().map(ProcessHandle::pid).collect(Collectors.toSet()))
                .forEach(ProcessHandle::destroyForcibly);
        started.forEach(ProcessHandle::destroyForcibly);
    }

    /** Settings of a {@link LocalWinRmService}; defaults suit tests. */
    public static final class Builder {
        private boolean https;
        private TlsServerIdentity identity;
        private String[] tlsProtocols;
        private int port;
        private int maxConnections = 16;
        private Duration idleTimeout = Duration.ofSeconds(120);
        private Duration maxOperationTimeout = Duration.ofSeconds(60);
        private int maxHeaderBytes = 64 * 1024;
        private int maxBodyBytes = 4 * 1024 * 1024;
        private int maxCommandsPerShell = 5;
        private int outputBufferPerStream = 64 * 1024;
        private final List<HttpAuthenticator> authenticators = new ArrayList<>();

        private Builder() {
        }

        /** Serve HTTPS with a freshly generated self-signed certificate. */
        public Builder https() {
            return https(TlsServerIdentity.selfSigned("localhost", Clock.systemUTC()));
        }

        /** Serve HTTPS with this key and certificate. */
        public Builder https(TlsServerIdentity identity) {
            this.https = true;
            this.identity = identity;
            return this;
        }

        /** Restrict HTTPS to these protocols, e.g. {@code "TLSv1.2"} or {@code "TLSv1.3"}. */
        public Builder tlsProtocols(String... protocols) {
            this.tlsProtocols = protocols.clone();
            return this;
        }

        /** The port on 127.0.0.1; 0 (default) picks a free one. */
        public Builder port(int port) {
            this.port = port;
            return this;
        }

        /**
         * What a Windows host with CredSSP enabled offers, for one account: Negotiate (raw NTLMSSP or SPNEGO/NTLM,
         * with channel binding on HTTPS), Basic (HTTPS only) and CredSSP, in that order.
         */
        public Builder windowsAuthentication(UserCredentials account) {
            char[] password = account.password();
            try {
                NtlmUserStore users = NtlmUserStore.of(List.of(NtlmAccount.withPassword(account.domain(), account.user(), password)));
                authenticator(NegotiateAuthenticator.ntlm(users));
                authenticator(new BasicAuthenticator(List.of(account)));
                return authenticator(new CredSspAuthenticator(users));
            } finally {
                Arrays.fill(password, '\0');
            }
        }

        /** Authentication schemes, offered in this order in a 401. */
        public Builder authenticator(HttpAuthenticator authenticator) {
            authenticators.add(authenticator);
            return this;
        }

        /** MaxConcurrentCommandsPerShell: one more Command faults with 2150859174. Default 5. */
        public Builder maxConcurrentCommandsPerShell(int max) {
            this.maxCommandsPerShell = max;
            return this;
        }

        /** Upper bound on a Receive's wait, whatever OperationTimeout the client asks for. Default 60 s. */
        public Builder maxOperationTimeout(Duration timeout) {
            this.maxOperationTimeout = timeout;
            return this;
        }

        /** How long a connection may sit idle between requests. Default 120 s. */
        public Builder idleTimeout(Duration timeout) {
            this.idleTimeout = timeout;
            return this;
        }

        /** Connections served at once; further ones are closed on accept. Default 16. */
        public Builder maxConnections(int max) {
            this.maxConnections = max;
            return this;
        }

        /** Largest request body (413 beyond). Default 4 MiB. */
        public Builder maxBodyBytes(int max) {
            this.maxBodyBytes = max;
            return this;
        }

        /** Largest request header section (431 beyond). Default 64 KiB. */
        public Builder maxHeaderBytes(int max) {
            this.maxHeaderBytes = max;
            return this;
        }

        /** Output bytes buffered per stream before the process is left blocked on its pipe. Default 64 KiB. */
        public Builder outputBufferPerStream(int bytes) {
            this.outputBufferPerStream = bytes;
            return this;
        }

        public LocalWinRmService start() throws IOException {
            if (authenticators.isEmpty()) {
                throw new IllegalStateException("configure at least one authenticator");
            }
            Config config = new Config(https, identity, tlsProtocols, port, maxConnections, idleTimeout,
                    maxOperationTimeout, maxHeaderBytes, maxBodyBytes, maxCommandsPerShell, outputBufferPerStream);
            return new LocalWinRmService(config, authenticators);
        }
    }
}
