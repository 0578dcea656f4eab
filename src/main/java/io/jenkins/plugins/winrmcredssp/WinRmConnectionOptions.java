package io.jenkins.plugins.winrmcredssp;

import java.io.ByteArrayInputStream;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.Collections;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Where and how to reach a Windows host over WinRM with CredSSP, and where to run the command: what the pipeline step
 * and the freestyle builder hand to the agent. Immutable, validated, serializable over remoting; holds no secret
 * (credentials travel separately, as a {@code Secret}).
 *
 * <p>TLS: over HTTPS the WinRM listener's certificate is verified against the JVM's trust store by default; a pinned
 * SHA-1 or SHA-256 thumbprint or PEM CA certificates replace that, and skipping verification is an explicit opt-in for
 * this connection only. (The certificate of CredSSP's inner TLS channel is never verified by name or chain: MS-CSSP
 * binds it through pubKeyAuth instead.)
 */
public final class WinRmConnectionOptions implements Serializable {
    private static final long serialVersionUID = 1L;

    /** Lowest and highest TSRequest version (MS-CSSP §2.2.1); 5 and later bind pubKeyAuth to a client nonce. */
    public static final int MIN_CREDSSP_VERSION = 2;
    public static final int MAX_CREDSSP_VERSION = 6;
    private static final Pattern HEX = Pattern.compile("[0-9A-F]+");

    /** WinRM's HTTP transports and their default listener ports (MS-WSMV §2.1). */
    public enum Transport {
        HTTPS(5986), HTTP(5985);

        private final int defaultPort;

        Transport(int defaultPort) {
            this.defaultPort = defaultPort;
        }

        public int defaultPort() {
            return defaultPort;
        }

        public String scheme() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** The mechanism CredSSP authenticates with inside its TLS channel before delegating the credentials. */
    public enum AuthMechanism {
        /** SPNEGO: Kerberos when a ticket can be had for the SPN, NTLM otherwise (Windows "Negotiate"). */
        AUTO,
        NTLM,
        KERBEROS
    }

    private final String host;
    private final int port;
    private final Transport transport;
    private final String certificateThumbprint;
    private final String caCertificatesPem;
    private final boolean skipCertificateVerification;
    private final AuthMechanism authMechanism;
    private final String spn;
    private final int minCredSspVersion;
    private final Duration timeout;
    private final String workingDirectory;
    private final Map<String, String> environment;

    private WinRmConnectionOptions(Builder b) {
        host = requireText(b.host, "host");
        if (host.contains("/") || host.contains(" ")) {
            throw new IllegalArgumentException("host must be a host name or an IP address, not a URL: " + host);
        }
        if (host.indexOf(':') >= 0 && host.indexOf(':') == host.lastIndexOf(':')) {
            throw new IllegalArgumentException("host must not include a port (set the port separately): " + host);
        }
        transport = Objects.requireNonNull(b.transport, "transport");
        port = b.port == 0 ? transport.defaultPort() : b.port;
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port must be between 1 and 65535: " + port);
        }
        certificateThumbprint = b.certificateThumbprint == null ? null : normalizeThumbprint(b.certificateThumbprint);
        caCertificatesPem = b.caCertificatesPem == null ? null : requireCertificates(b.caCertificatesPem);
        skipCertificateVerification = b.skipCertificateVerification;
        boolean certificateOption = certificateThumbprint != null || caCertificatesPem != null || skipCertificateVerification;
        if (certificateOption && transport != Transport.HTTPS) {
            throw new IllegalArgumentException("certificate options apply to the HTTPS transport only");
        }
        if (skipCertificateVerification && (certificateThumbprint != null || caCertificatesPem != null)) {
            throw new IllegalArgumentException(
                    "skipping certificate verification contradicts a certificate thumbprint or CA certificates");
        }
        authMechanism = Objects.requireNonNull(b.authMechanism, "authMechanism");
        spn = blankToNull(b.spn);
        minCredSspVersion = b.minCredSspVersion;
        if (minCredSspVersion < MIN_CREDSSP_VERSION || minCredSspVersion > MAX_CREDSSP_VERSION) {
            throw new IllegalArgumentException("minimum CredSSP version must be between " + MIN_CREDSSP_VERSION
                    + " and " + MAX_CREDSSP_VERSION + ": " + minCredSspVersion);
        }
        timeout = b.timeout;
        if (timeout != null && (timeout.isNegative() || timeout.isZero())) {
            throw new IllegalArgumentException("timeout must be positive: " + timeout);
        }
        workingDirectory = blankToNull(b.workingDirectory);
        TreeMap<String, String> env = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        b.environment.forEach((name, value) -> {
            if (name == null || name.isEmpty() || name.contains("=")) {
                throw new IllegalArgumentException("invalid environment variable name: '" + name + "'");
            }
            if (env.put(name, Objects.requireNonNull(value, name)) != null) {
                throw new IllegalArgumentException("environment variable given twice (names ignore case): " + name);
            }
        });
        environment = Collections.unmodifiableMap(env);
    }

    public static Builder builder(String host) {
        return new Builder(host);
    }

    public Builder toBuilder() {
        return new Builder(host).transport(transport).port(port).authMechanism(authMechanism).spn(spn)
                .minCredSspVersion(minCredSspVersion).timeout(timeout).workingDirectory(workingDirectory)
                .environment(environment).certificateThumbprint(certificateThumbprint)
                .caCertificatesPem(caCertificatesPem).skipCertificateVerification(skipCertificateVerification);
    }

    public String host() {
        return host;
    }

    public int port() {
        return port;
    }

    public Transport transport() {
        return transport;
    }

    /** The WS-Management endpoint, e.g. {@code https://host:5986/wsman} (IPv6 literals bracketed). */
    public String endpoint() {
        String h = host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
        return transport.scheme() + "://" + h + ":" + port + "/wsman";
    }

    /** Upper-case hex SHA-1 (40 digits) or SHA-256 (64 digits) of the listener's certificate to pin, if any. */
    public Optional<String> certificateThumbprint() {
        return Optional.ofNullable(certificateThumbprint);
    }

    /** PEM CA certificates to trust instead of the JVM's trust store, if any. */
    public Optional<String> caCertificatesPem() {
        return Optional.ofNullable(caCertificatesPem);
    }

    public boolean skipCertificateVerification() {
        return skipCertificateVerification;
    }

    public AuthMechanism authMechanism() {
        return authMechanism;
    }

    /** The service principal name to ask Kerberos for; empty means the client's default for the host. */
    public Optional<String> spn() {
        return Optional.ofNullable(spn);
    }

    /** The lowest CredSSP version the server may negotiate down to (MS-CSSP §2.2.1; 6 by default). */
    public int minCredSspVersion() {
        return minCredSspVersion;
    }

    /** How long the command may run; empty means no limit. */
    public Optional<Duration> timeout() {
        return Optional.ofNullable(timeout);
    }

    /** The command's working directory on the Windows host; empty means the shell's default. */
    public Optional<String> workingDirectory() {
        return Optional.ofNullable(workingDirectory);
    }

    /** Variables set for the command, names case-insensitive as on Windows, in name order. */
    public Map<String, String> environment() {
        return environment;
    }

    /** Deserialized state (from remoting or saved configuration) goes through the same validation. */
    private Object readResolve() {
        return toBuilder().build();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof WinRmConnectionOptions other
                && host.equals(other.host) && port == other.port && transport == other.transport
                && Objects.equals(certificateThumbprint, other.certificateThumbprint)
                && Objects.equals(caCertificatesPem, other.caCertificatesPem)
                && skipCertificateVerification == other.skipCertificateVerification
                && authMechanism == other.authMechanism && Objects.equals(spn, other.spn)
                && minCredSspVersion == other.minCredSspVersion && Objects.equals(timeout, other.timeout)
                && Objects.equals(workingDirectory, other.workingDirectory) && environment.equals(other.environment);
    }

    @Override
    public int hashCode() {
        return Objects.hash(host, port, transport, certificateThumbprint, authMechanism, minCredSspVersion);
    }

    @Override
    public String toString() {
        StringBuilder s = new StringBuilder("WinRmConnectionOptions[").append(endpoint())
                .append(", auth=").append(authMechanism)
                .append(", minCredSSPVersion=").append(minCredSspVersion);
        if (skipCertificateVerification) {
            s.append(", certificate verification skipped");
        }
        if (certificateThumbprint != null) {
            s.append(", thumbprint=").append(certificateThumbprint);
        }
        if (caCertificatesPem != null) {
            s.append(", custom CA certificates");
        }
        spn().ifPresent(v -> s.append(", spn=").append(v));
        timeout().ifPresent(v -> s.append(", timeout=").append(v));
        workingDirectory().ifPresent(v -> s.append(", workingDirectory=").append(v));
        if (!environment.isEmpty()) {
            s.append(", environment=").append(environment.keySet());
        }
        return s.append(']').toString();
    }

    private static String normalizeThumbprint(String thumbprint) {
        String hex = thumbprint.replaceAll("[\\s:]", "").toUpperCase(Locale.ROOT);
        if (!HEX.matcher(hex).matches() || hex.length() != 40 && hex.length() != 64) {
            throw new IllegalArgumentException(
                    "certificate thumbprint must be a SHA-1 (40 hex digits) or SHA-256 (64 hex digits) hash: "
                            + thumbprint);
        }
        return hex;
    }

    private static String requireCertificates(String pem) {
        try {
            if (CertificateFactory.getInstance("X.509")
                    .generateCertificates(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)))
                    .isEmpty()) {
                throw new IllegalArgumentException("no certificate in the CA certificates");
            }
        } catch (CertificateException e) {
            throw new IllegalArgumentException("CA certificates are not valid PEM X.509 certificates: " + e.getMessage(), e);
        }
        return pem;
    }

    private static String requireText(String value, String name) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " is required");
        }
        return value.trim();
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }

    /** Collects options; {@link #build()} validates them. Defaults: HTTPS, its default port, AUTO, CredSSP 6. */
    public static final class Builder {
        private final String host;
        private int port;
        private Transport transport = Transport.HTTPS;
        private String certificateThumbprint;
        private String caCertificatesPem;
        private boolean skipCertificateVerification;
        private AuthMechanism authMechanism = AuthMechanism.AUTO;
        private String spn;
        private int minCredSspVersion = MAX_CREDSSP_VERSION;
        private Duration timeout;
        private String workingDirectory;
        private Map<String, String> environment = Map.of();

        private Builder(String host) {
            this.host = host;
        }

        /** 0 selects the transport's default port. */
        public Builder port(int port) {
            this.port = port;
            return this;
        }

        public Builder transport(Transport transport) {
            this.transport = transport;
            return this;
        }

        public Builder certificateThumbprint(String thumbprint) {
            this.certificateThumbprint = blankToNull(thumbprint);
            return this;
        }

        public Builder caCertificatesPem(String pem) {
            this.caCertificatesPem = blankToNull(pem);
            return this;
        }

        public Builder skipCertificateVerification(boolean skip) {
            this.skipCertificateVerification = skip;
            return this;
        }

        public Builder authMechanism(AuthMechanism authMechanism) {
            this.authMechanism = authMechanism;
            return this;
        }

        public Builder spn(String spn) {
            this.spn = spn;
            return this;
        }

        public Builder minCredSspVersion(int version) {
            this.minCredSspVersion = version;
            return this;
        }

        /** Null: no limit. */
        public Builder timeout(Duration timeout) {
            this.timeout = timeout;
            return this;
        }

        public Builder workingDirectory(String workingDirectory) {
            this.workingDirectory = workingDirectory;
            return this;
        }

        public Builder environment(Map<String, String> environment) {
            this.environment = Objects.requireNonNull(environment, "environment");
            return this;
        }

        /** @throws IllegalArgumentException naming the first invalid option */
        public WinRmConnectionOptions build() {
            return new WinRmConnectionOptions(this);
        }
    }
}
