package io.jenkins.plugins.winrmcredssp.protocol.credssp;

import java.util.List;

/**
 * TLS settings of the CredSSP channel. The protocol list is the JDK's names ({@code TLSv1.3}, {@code TLSv1.2}...);
 * old hosts that offer only TLS 1.0 need it enabled here and in the JDK's {@code jdk.tls.disabledAlgorithms}.
 *
 * @param protocols enabled protocol versions, in no particular order
 */
public record TlsOptions(List<String> protocols) {
    public TlsOptions {
        protocols = List.copyOf(protocols);
        if (protocols.isEmpty()) {
            throw new IllegalArgumentException("at least one TLS protocol version must be enabled");
        }
    }

    /** TLS 1.3 and TLS 1.2. */
    public static TlsOptions defaults() {
        return new TlsOptions(List.of("TLSv1.3", "TLSv1.2"));
    }

    public static TlsOptions of(String... protocols) {
        return new TlsOptions(List.of(protocols));
    }
}
