package io.jenkins.plugins.winrmcredssp.protocol.wsman.http;

import io.jenkins.plugins.winrmcredssp.protocol.credssp.CredSspClientContext;
import io.jenkins.plugins.winrmcredssp.protocol.credssp.CredSspException;
import io.jenkins.plugins.winrmcredssp.protocol.credssp.CredSspStage;
import io.jenkins.plugins.winrmcredssp.protocol.wsman.EncryptedMessage;
import io.jenkins.plugins.winrmcredssp.protocol.wsman.CredSspSealing;
import io.jenkins.plugins.winrmcredssp.protocol.wsman.WsmanTransport;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.SocketAddress;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLException;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClientBuilder;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManager;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.client5.http.protocol.HttpClientContext;
import org.apache.hc.client5.http.ssl.DefaultClientTlsStrategy;
import org.apache.hc.client5.http.ssl.HostnameVerificationPolicy;
import org.apache.hc.client5.http.ssl.TlsSocketStrategy;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.EndpointDetails;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.util.TimeValue;
import org.apache.hc.core5.util.Timeout;
import org.apache.hc.core5.util.VersionInfo;

/**
 * WS-Management over HTTP(S) authenticated with CredSSP ([MS-WSMV] 2.2.9.1.3, PROTOCOL.md "CredSSP legs over HTTP"):
 * the CredSSP tokens travel as {@code Authorization: CredSSP <base64>} / {@code WWW-Authenticate: CredSSP <base64>}
 * on one keep-alive connection (a pool of exactly one connection), the first SOAP request rides the credential leg,
 * and the service binds the authentication to that TCP connection. On HTTP every body is sealed with the CredSSP TLS
 * session ({@link EncryptedMessage}, one TLS record per part); an unencrypted body is neither sent nor accepted. On
 * HTTPS bodies are plain and the listener's certificate is validated as {@link HttpsTrust} says.
 *
 * <p>When the service closed the connection between two operations (idle timeout), the next operation
 * re-authenticates on a new connection once and is sent again; a connection lost while an operation was under way
 * fails naming the operation. Calls are serialised.
 */
public final class CredSspHttpTransport implements WsmanTransport, AutoCloseable {
    private static final String SCHEME = "CredSSP";
    private static final String SOAP_TYPE = "application/soap+xml;charset=UTF-8";
    private static final int MAX_RESPONSE_BYTES = 64 * 1024 * 1024;
    /**
     * Idle time after which a pooled connection is checked before reuse. The check is a read that blocks for 1 ms, so
     * back-to-back requests (the legs of one command, consecutive Receives) skip it; a service closes an idle
     * connection only after far longer (Windows: 120 s), and such a close is then seen before the request is sent.
     */
    static final TimeValue VALIDATE_AFTER_IDLE = TimeValue.ofMilliseconds(250);
    /** HttpClient's default User-Agent, worked out once: the builder reads a resource for it on every build. */
    private static final String USER_AGENT = VersionInfo.getSoftwareInfo("Apache-HttpClient", "org.apache.hc.client5",
            HttpClientBuilder.class);
    /** The TLS strategy of an http:// endpoint: its single route is plain TCP (CredSSP carries its own TLS). */
    private static final TlsSocketStrategy NO_TLS = (socket, target, port, attachment, context) -> {
        throw new SSLException("the connection to an http:// WinRM endpoint is not upgraded to TLS");
    };
    private static final Pattern ACTION = Pattern.compile("Action[^>]*>\\s*([^<\\s]+)\\s*<");

    /** Makes a fresh CredSSP initiator (with a fresh inner context) for each authentication. */
    @FunctionalInterface
    public interface ContextFactory {
        CredSspClientContext newContext() throws IOException;
    }

    private final URI endpoint;
    private final boolean https;
    private final ContextFactory contexts;
    private final HttpsTrust trust;
    private final Duration requestTimeout;
    private final PoolingHttpClientConnectionManager connections;
    private final CloseableHttpClient http;
    private final HttpClientContext httpContext = HttpClientContext.create();
    private final ExecutorService io = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "winrm-credssp-http");
        t.setDaemon(true);
        return t;
    });

    private CredSspClientContext session;
    private EncryptedMessage sealing;
    private SocketAddress boundConnection;
    private int legs;
    private int authentications;
    private boolean closed;

    private CredSspHttpTransport(Builder b) throws IOException {
        this.endpoint = b.endpoint;
        this.https = "https".equalsIgnoreCase(b.endpoint.getScheme());
        this.contexts = b.contexts;
        this.trust = b.trust;
        this.requestTimeout = b.requestTimeout;
        PoolingHttpClientConnectionManagerBuilder manager = PoolingHttpClientConnectionManagerBuilder.create()
                .setMaxConnTotal(1)
                .setMaxConnPerRoute(1)
                .setDefaultConnectionConfig(ConnectionConfig.custom()
                        .setConnectTimeout(Timeout.of(b.connectTimeout))
                        .setSocketTimeout(Timeout.of(b.requestTimeout))
                        .setValidateAfterInactivity(VALIDATE_AFTER_IDLE)
                        .build());
        if (https) {
            manager.setTlsSocketStrategy(new DefaultClientTlsStrategy(b.trust.sslContext(), HostnameVerificationPolicy.CLIENT,
                    b.trust.hostnameVerifier()));
        } else {
            // without a strategy the builder makes HttpClient's default one, whose SSLContext loads the JDK trust store:
            // the largest single cost of a JVM's first session, for a plain-HTTP connection that never upgrades
            manager.setTlsSocketStrategy(NO_TLS);
        }
        this.connections = manager.build();
        this.http = HttpClients.custom()
                .setConnectionManager(connections)
                .setUserAgent(USER_AGENT)
                .disableAutomaticRetries()
                .disableRedirectHandling()
                .disableContentCompression()
                .disableCookieManagement()
                .disableAuthCaching()
                .setDefaultRequestConfig(RequestConfig.custom()
                        .setAuthenticationEnabled(false)
                        .setRedirectsEnabled(false)
                        .setResponseTimeout(Timeout.of(b.requestTimeout))
                        .build())
                .build();
    }

    /**
     * @param endpoint e.g. {@code http://host:5985/wsman} or {@code https://host:5986/wsman}
     * @param contexts called for every (re-)authentication
     */
    public static Builder builder(URI endpoint, ContextFactory contexts) {
        return new Builder(endpoint, contexts);
    }

    /** HTTP requests that carried a CredSSP token so far, over all authentications. */
    public synchronized int legs() {
        return legs;
    }

    /** Completed CredSSP authentications (more than one after a transparent re-authentication). */
    public synchronized int authentications() {
        return authentications;
    }

    /** The CredSSP context of the current session; null before the first exchange. */
    public synchronized CredSspClientContext session() {
        return session;
    }

    public boolean https() {
        return https;
    }

    @Override
    public synchronized byte[] exchange(byte[] soapRequest) throws IOException {
        if (closed) {
            throw new IllegalStateException("the transport to " + endpoint + " is closed");
        }
        if (session == null) {
            return authenticate(soapRequest);
        }
        Reply reply;
        try {
            reply = post(null, body(soapRequest));
        } catch (IOException e) {
            throw lostMidOperation(soapRequest, e);
        }
        if (reply.status == 401) {
            if (!Objects.equals(reply.connection, boundConnection)) {
                // the service closed the authenticated connection while idle: authenticate the new one, once
                return authenticate(soapRequest);
            }
            dropSession();
            throw new WinRmHttpException("The WinRM service at " + endpoint + " answered 401 to " + operation(soapRequest)
                    + " on the authenticated connection: it no longer accepts the CredSSP session");
        }
        return soap(reply, soapRequest);
    }

    private byte[] authenticate(byte[] soapRequest) throws IOException {
        dropSession();
        CredSspClientContext context = contexts.newContext();
        SocketAddress connection = null;
        try {
            byte[] token = context.step(null);
            while (true) {
                legs++;
                boolean last = context.isComplete();
                Reply reply;
                try {
                    if (last) {
                        session = context;
                        sealing = https ? null : CredSspSealing.framing(context);
                        reply = post(token, body(soapRequest));
                    } else {
                        reply = post(token, null);
                    }
                } catch (ConnectException e) {
                    throw WinRmHttpException.listenerMissing(endpoint.toString(), https, port(), e);
                } catch (SSLException e) {
                    throw WinRmHttpException.httpsFailed(endpoint.toString(), trust, e);
                } catch (InterruptedIOException e) {
                    if (e instanceof SocketTimeoutException) {
                        throw new CredSspException(last ? CredSspStage.CREDENTIAL_DELEGATION : context.stage(),
                                context.authenticationRound(), "no answer from " + endpoint + " at HTTP leg " + legs
                                + " within the request timeout", e);
                    }
                    throw e;
                } catch (IOException e) {
                    throw new CredSspException(last ? CredSspStage.CREDENTIAL_DELEGATION : context.stage(),
                            context.authenticationRound(), "the connection to " + endpoint + " was lost at HTTP leg "
                            + legs + (last ? ", which carried the credentials and " + operation(soapRequest) : "")
                            + " (" + e + ")", e);
                }
                if (connection != null && !Objects.equals(connection, reply.connection)) {
                    throw new CredSspException(context.stage(), context.authenticationRound(), "the service closed the"
                            + " connection after HTTP leg " + (legs - 1) + " and CredSSP cannot continue on a new one"
                            + " (is a proxy or load balancer in between?)");
                }
                connection = reply.connection;
                String challenge = credSspChallenge(reply.headers);
                if (last) {
                    if (reply.status == 401) {
                        throw CredSspException.delegationRefused(context.authenticationRound(),
                                "HTTP 401 after the credentials");
                    }
                    boundConnection = connection;
                    authentications++;
                    return soap(reply, soapRequest);
                }
                if (reply.status != 401) {
                    throw new CredSspException(context.stage(), context.authenticationRound(), "the service answered"
                            + " HTTP " + reply.status + " " + reply.reason + " to CredSSP leg " + legs + " instead of 401"
                            + snippet(reply.body));
                }
                if (challenge == null) {
                    if (!offers(reply.headers)) {
                        throw WinRmHttpException.credSspDisabled(endpoint.toString(), offered(reply.headers));
                    }
                    throw new CredSspException(context.stage(), context.authenticationRound(), "the service answered"
                            + " leg " + legs + " with a 401 carrying no CredSSP token (offers: " + offered(reply.headers)
                            + ")");
                }
                token = context.step(decode(challenge, context));
            }
        } catch (IOException | RuntimeException e) {
            session = null;
            sealing = null;
            context.close();
            connections.closeIdle(TimeValue.ZERO_MILLISECONDS);
            throw e;
        }
    }

    private static byte[] decode(String challenge, CredSspClientContext context) throws CredSspException {
        try {
            return Base64.getDecoder().decode(challenge);
        } catch (IllegalArgumentException e) {
            throw new CredSspException(context.stage(), context.authenticationRound(),
                    "the service's CredSSP token is not base64");
        }
    }

    private HttpEntity body(byte[] soap) throws IOException {
        if (https) {
            return new ByteArrayEntity(soap, ContentType.parse(SOAP_TYPE));
        }
        EncryptedMessage.Encoded encoded = sealing.encode(soap);
        return new ByteArrayEntity(encoded.body(), ContentType.parse(encoded.contentType()));
    }

    private byte[] soap(Reply reply, byte[] request) throws IOException {
        if (reply.status != 200 && reply.status != 500) {
            throw new WinRmHttpException("The WinRM service at " + endpoint + " answered HTTP " + reply.status + " "
                    + reply.reason + " to " + operation(request) + snippet(reply.body));
        }
        String contentType = reply.header("Content-Type");
        if (!https) {
            if (reply.status == 500 && !EncryptedMessage.isEncrypted(contentType)) {
                throw new WinRmHttpException("The WinRM service at " + endpoint + " answered HTTP 500 "
                        + reply.reason + " to " + operation(request) + " without an encrypted SOAP fault" + snippet(reply.body));
            }
            try {
                return sealing.decode(contentType, reply.body);
            } catch (IOException | RuntimeException e) {
                // the TLS session's record sequence is now out of step with the server's: start afresh next time
                dropSession();
                connections.closeIdle(TimeValue.ZERO_MILLISECONDS);
                throw e;
            }
        }
        if (reply.status == 500 && (contentType == null || !contentType.toLowerCase(Locale.ROOT).contains("xml"))) {
            throw new WinRmHttpException("The WinRM service at " + endpoint + " answered HTTP 500 " + reply.reason
                    + " to " + operation(request) + " without a SOAP fault" + snippet(reply.body));
        }
        return reply.body;
    }

    private IOException lostMidOperation(byte[] request, IOException cause) {
        dropSession();
        if (cause instanceof ConnectException) {
            return WinRmHttpException.listenerMissing(endpoint.toString(), https, port(), cause);
        }
        if (cause instanceof SocketTimeoutException) {
            return new WinRmHttpException("No answer from " + endpoint + " to " + operation(request) + " within the"
                    + " request timeout (" + requestTimeout.toSeconds() + " s); the connection was dropped", cause);
        }
        if (cause instanceof InterruptedIOException) {
            return cause;
        }
        return new WinRmHttpException("The connection to " + endpoint + " was lost during " + operation(request)
                + " (" + cause + "); the operation may or may not have run on the server", cause);
    }

    /** The WS-Management operation of a request, e.g. "the Receive request". */
    static String operation(byte[] soap) {
        Matcher m = ACTION.matcher(new String(soap, 0, Math.min(soap.length, 8192), StandardCharsets.UTF_8));
        if (!m.find()) {
            return "the request";
        }
        String action = m.group(1);
        return "the " + action.substring(action.lastIndexOf('/') + 1) + " request";
    }

    private Reply post(byte[] token, HttpEntity entity) throws IOException {
        HttpPost post = new HttpPost(endpoint);
        post.setHeader("Accept-Encoding", "identity");
        post.setHeader("Connection", "Keep-Alive");
        if (token != null) {
            post.setHeader("Authorization", SCHEME + " " + Base64.getEncoder().encodeToString(token));
        }
        post.setEntity(entity == null ? new ByteArrayEntity(new byte[0], null) : entity);
        // Blocking socket reads ignore interrupts: the exchange runs on the I/O thread and an interrupted caller
        // aborts it (the connection is discarded; the next request authenticates a new one).
        Future<Reply> pending = io.submit(() -> http.execute(post, httpContext, response -> {
            byte[] body = read(response.getEntity());
            EndpointDetails details = httpContext.getEndpointDetails();
            return new Reply(response.getCode(), Objects.toString(response.getReasonPhrase(), ""),
                    List.of(response.getHeaders()), body, details == null ? null : details.getLocalAddress());
        }));
        try {
            return pending.get();
        } catch (InterruptedException e) {
            post.cancel();
            pending.cancel(true);
            dropSession();
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting for the WinRM service at " + endpoint);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof IOException io) {
                throw io;
            }
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IOException(cause);
        }
    }

    private static byte[] read(HttpEntity entity) throws IOException {
        if (entity == null) {
            return new byte[0];
        }
        try (InputStream in = entity.getContent()) {
            byte[] body = in.readNBytes(MAX_RESPONSE_BYTES + 1);
            if (body.length > MAX_RESPONSE_BYTES) {
                throw new WinRmHttpException("response body larger than " + MAX_RESPONSE_BYTES + " bytes");
            }
            return body;
        }
    }

    private static String credSspChallenge(List<Header> headers) {
        for (Header h : headers) {
            if (h.getName().equalsIgnoreCase("WWW-Authenticate")) {
                String value = h.getValue().strip();
                if (value.regionMatches(true, 0, SCHEME + " ", 0, SCHEME.length() + 1)) {
                    return value.substring(SCHEME.length() + 1).strip();
                }
            }
        }
        return null;
    }

    private static boolean offers(List<Header> headers) {
        return headers.stream().anyMatch(h -> h.getName().equalsIgnoreCase("WWW-Authenticate")
                && h.getValue().strip().regionMatches(true, 0, SCHEME, 0, SCHEME.length()));
    }

    private static String offered(List<Header> headers) {
        List<String> schemes = new ArrayList<>();
        for (Header h : headers) {
            if (h.getName().equalsIgnoreCase("WWW-Authenticate")) {
                schemes.add(h.getValue().strip().split("\\s+", 2)[0]);
            }
        }
        return String.join(", ", schemes);
    }

    private static String snippet(byte[] body) {
        if (body.length == 0) {
            return "";
        }
        String text = new String(body, 0, Math.min(body.length, 200), StandardCharsets.UTF_8).strip();
        return text.chars().allMatch(c -> c >= 0x20 || c == '\n' || c == '\r' || c == '\t') ? ": " + text : "";
    }

    private int port() {
        return endpoint.getPort() > 0 ? endpoint.getPort() : https ? 443 : 80;
    }

    private void dropSession() {
        if (session != null) {
            session.close();
        }
        session = null;
        sealing = null;
        boundConnection = null;
    }

    @Override
    public synchronized void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        dropSession();
        io.shutdownNow();
        http.close();
    }

    private record Reply(int status, String reason, List<Header> headers, byte[] body, SocketAddress connection) {
        String header(String name) {
            for (Header h : headers) {
                if (h.getName().equalsIgnoreCase(name)) {
                    return h.getValue();
                }
            }
            return null;
        }
    }

    /** Settings of a {@link CredSspHttpTransport}. */
    public static final class Builder {
        private final URI endpoint;
        private final ContextFactory contexts;
        private Duration connectTimeout = Duration.ofSeconds(30);
        private Duration requestTimeout = Duration.ofSeconds(90);
        private HttpsTrust trust = HttpsTrust.jvmDefault();

        private Builder(URI endpoint, ContextFactory contexts) {
            this.endpoint = Objects.requireNonNull(endpoint, "endpoint");
            this.contexts = Objects.requireNonNull(contexts, "contexts");
            String scheme = endpoint.getScheme();
            if (!"http".equalsIgnoreCase(scheme) && !"https".equalsIgnoreCase(scheme)) {
                throw new IllegalArgumentException("a WinRM endpoint is http:// or https://, not " + endpoint);
            }
        }

        public Builder connectTimeout(Duration value) {
            connectTimeout = positive(value, "connect timeout");
            return this;
        }

        /** Read timeout of one request; must exceed the WS-Management OperationTimeout. */
        public Builder requestTimeout(Duration value) {
            requestTimeout = positive(value, "request timeout");
            return this;
        }

        /** HTTPS certificate validation; ignored for http:// endpoints. */
        public Builder httpsTrust(HttpsTrust value) {
            trust = Objects.requireNonNull(value, "trust");
            return this;
        }

        public CredSspHttpTransport build() throws IOException {
            return new CredSspHttpTransport(this);
        }

        private static Duration positive(Duration value, String what) {
            if (value == null || value.isZero() || value.isNegative()) {
                throw new IllegalArgumentException(what + " must be positive");
            }
            return value;
        }
    }
}
