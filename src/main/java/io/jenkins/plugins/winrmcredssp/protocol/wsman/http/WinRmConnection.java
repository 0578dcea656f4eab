package io.jenkins.plugins.winrmcredssp.protocol.wsman.http;

import io.jenkins.plugins.winrmcredssp.protocol.auth.UserCredentials;
import io.jenkins.plugins.winrmcredssp.protocol.credssp.CredSspContext;
import io.jenkins.plugins.winrmcredssp.protocol.credssp.TlsOptions;
import io.jenkins.plugins.winrmcredssp.protocol.kerberos.KerberosSettings;
import java.net.URI;
import java.time.Duration;
import java.util.Objects;

/**
 * Where and how {@link WinRmCredSspClient} connects. Immutable; build with {@link #builder}. The credentials are not
 * copied: the caller destroys them after closing the client.
 */
public final class WinRmConnection {
    private final URI endpoint;
    private final UserCredentials credentials;
    private final AuthMechanism mechanism;
    private final String spn;
    private final KerberosSettings kerberos;
    private final int minimumCredSspVersion;
    private final TlsOptions credSspTls;
    private final HttpsTrust httpsTrust;
    private final Duration connectTimeout;
    private final Duration operationTimeout;
    private final Duration requestTimeout;

    private WinRmConnection(Builder b) {
        endpoint = b.endpoint;
        credentials = b.credentials;
        mechanism = b.mechanism;
        spn = b.spn;
        kerberos = b.kerberos;
        minimumCredSspVersion = b.minimumCredSspVersion;
        credSspTls = b.credSspTls;
        httpsTrust = b.httpsTrust;
        connectTimeout = b.connectTimeout;
        operationTimeout = b.operationTimeout;
        requestTimeout = b.requestTimeout != null ? b.requestTimeout : b.operationTimeout.plusSeconds(30);
        if (requestTimeout.compareTo(operationTimeout) <= 0) {
            throw new IllegalArgumentException("the request timeout (" + requestTimeout + ") must exceed the"
                    + " WS-Management OperationTimeout (" + operationTimeout + ")");
        }
    }

    /**
     * @param endpoint    {@code http://host:5985/wsman} (bodies encrypted with CredSSP) or {@code https://host:5986/wsman}
     * @param credentials the account whose password is delegated
     */
    public static Builder builder(URI endpoint, UserCredentials credentials) {
        return new Builder(endpoint, credentials);
    }

    public URI endpoint() {
        return endpoint;
    }

    public UserCredentials credentials() {
        return credentials;
    }

    public AuthMechanism mechanism() {
        return mechanism;
    }

    /** The target SPN, {@code HTTP/<endpoint host>} unless set. */
    public String spn() {
        return spn != null ? spn : "HTTP/" + endpoint.getHost();
    }

    public KerberosSettings kerberos() {
        return kerberos;
    }

    public int minimumCredSspVersion() {
        return minimumCredSspVersion;
    }

    public TlsOptions credSspTls() {
        return credSspTls;
    }

    public HttpsTrust httpsTrust() {
        return httpsTrust;
    }

    public Duration connectTimeout() {
        return connectTimeout;
    }

    public Duration operationTimeout() {
        return operationTimeout;
    }

    public Duration requestTimeout() {
        return requestTimeout;
    }

    @Override
    public String toString() {
        return "WinRmConnection[" + endpoint + ", user " + credentials.displayName() + ", " + mechanism + "]";
    }

    /** Settings; defaults: AUTO, CredSSP minimum version 2, JVM trust store, 30 s connect, 20 s OperationTimeout. */
    public static final class Builder {
        private final URI endpoint;
        private final UserCredentials credentials;
        private AuthMechanism mechanism = AuthMechanism.AUTO;
        private String spn;
        private KerberosSettings kerberos = KerberosSettings.defaults();
        private int minimumCredSspVersion = CredSspContext.MIN_VERSION;
        private TlsOptions credSspTls = TlsOptions.defaults();
        private HttpsTrust httpsTrust = HttpsTrust.jvmDefault();
        private Duration connectTimeout = Duration.ofSeconds(30);
        private Duration operationTimeout = Duration.ofSeconds(20);
        private Duration requestTimeout;

        private Builder(URI endpoint, UserCredentials credentials) {
            this.endpoint = Objects.requireNonNull(endpoint, "endpoint");
            this.credentials = Objects.requireNonNull(credentials, "credentials");
            if (endpoint.getHost() == null) {
                throw new IllegalArgumentException("the endpoint " + endpoint + " names no host");
            }
        }

        public Builder mechanism(AuthMechanism value) {
            mechanism = Objects.requireNonNull(value, "mechanism");
            return this;
        }

        /** Target SPN, e.g. {@code HTTP/host.example.com}; also the Kerberos service principal. */
        public Builder spn(String value) {
            spn = value;
            return this;
        }

        public Builder kerberos(KerberosSettings value) {
            kerberos = Objects.requireNonNull(value, "kerberos");
            return this;
        }

        /** Lowest CredSSP version accepted (5 or more requires the CVE-2018-0886 fix on the server). */
        public Builder minimumCredSspVersion(int value) {
            minimumCredSspVersion = value;
            return this;
        }

        /** TLS versions for the CredSSP inner TLS session. */
        public Builder credSspTls(TlsOptions value) {
            credSspTls = Objects.requireNonNull(value, "credSspTls");
            return this;
        }

        /** HTTPS listener certificate validation. */
        public Builder httpsTrust(HttpsTrust value) {
            httpsTrust = Objects.requireNonNull(value, "httpsTrust");
            return this;
        }

        public Builder connectTimeout(Duration value) {
            connectTimeout = Objects.requireNonNull(value, "connectTimeout");
            return this;
        }

        /** WS-Management OperationTimeout (how long one Receive waits for output). */
        public Builder operationTimeout(Duration value) {
            operationTimeout = Objects.requireNonNull(value, "operationTimeout");
            return this;
        }

        /** HTTP read timeout of one request; default OperationTimeout + 30 s; must exceed OperationTimeout. */
        public Builder requestTimeout(Duration value) {
            requestTimeout = value;
            return this;
        }

        public WinRmConnection build() {
            return new WinRmConnection(this);
        }
    }
}
