package io.jenkins.plugins.winrmcredssp;

import java.io.Serializable;
import java.util.List;
import java.util.Locale;

/**
 * Where and how a build step connects (host, credentials ID, transport, TLS trust, authentication inside CredSSP), as
 * configured on every step and builder of this plugin, so that all of them validate and translate it the same way.
 * Only the credentials ID is stored, never a secret.
 */
public class WinRmConnectionSettings implements Serializable {
    private static final long serialVersionUID = 1L;

    /** The form fields of these settings, named as the steps and builders bind them. */
    static final List<String> CONNECTION_FIELDS = List.of("host", "credentialsId", "port", "transport",
            "certificateThumbprint", "caCertificate", "skipCertificateVerification", "authMechanism", "spn",
            "minCredSSPVersion");

    private final String host;
    private final String credentialsId;
    private int port;
    private String transport = "https";
    private String certificateThumbprint;
    private String caCertificate;
    private boolean skipCertificateVerification;
    private String authMechanism = "auto";
    private String spn;
    private int minCredSSPVersion = WinRmConnectionOptions.MAX_CREDSSP_VERSION;

    public WinRmConnectionSettings(String host, String credentialsId) {
        this.host = trimToNull(host);
        this.credentialsId = trimToNull(credentialsId);
    }

    /** The options of the connection alone. @throws IllegalArgumentException naming the first invalid option */
    public WinRmConnectionOptions toOptions() {
        return optionsBuilder().build();
    }

    /** The connection options, for subclasses to add theirs before building. */
    WinRmConnectionOptions.Builder optionsBuilder() {
        return WinRmConnectionOptions.builder(host)
                .transport(parse(WinRmConnectionOptions.Transport.class, transport, "transport"))
                .port(port)
                .certificateThumbprint(certificateThumbprint)
                .caCertificatesPem(caCertificate)
                .skipCertificateVerification(skipCertificateVerification)
                .authMechanism(parse(WinRmConnectionOptions.AuthMechanism.class, authMechanism, "authMechanism"))
                .spn(spn)
                .minCredSspVersion(minCredSSPVersion);
    }

    static <E extends Enum<E>> E parse(Class<E> type, String value, String name) {
        String v = value == null || value.isBlank() ? null : value.strip().toUpperCase(Locale.ROOT);
        if (v == null) {
            return type.getEnumConstants()[0];
        }
        try {
            return Enum.valueOf(type, v);
        } catch (IllegalArgumentException e) {
            StringBuilder allowed = new StringBuilder();
            for (E constant : type.getEnumConstants()) {
                allowed.append(allowed.length() == 0 ? "" : ", ").append(constant.name().toLowerCase(Locale.ROOT));
            }
            throw new IllegalArgumentException(name + " must be one of " + allowed + ", not '" + value + "'", e);
        }
    }

    static String trimToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    public String getHost() {
        return host;
    }

    public String getCredentialsId() {
        return credentialsId;
    }

    public int getPort() {
        return port;
    }

    public void setPort(int port) {
        this.port = port;
    }

    public String getTransport() {
        return transport;
    }

    public void setTransport(String transport) {
        this.transport = trimToNull(transport) == null ? "https" : transport.strip().toLowerCase(Locale.ROOT);
    }

    public String getCertificateThumbprint() {
        return certificateThumbprint;
    }

    public void setCertificateThumbprint(String certificateThumbprint) {
        this.certificateThumbprint = trimToNull(certificateThumbprint);
    }

    public String getCaCertificate() {
        return caCertificate;
    }

    public void setCaCertificate(String caCertificate) {
        this.caCertificate = trimToNull(caCertificate);
    }

    public boolean isSkipCertificateVerification() {
        return skipCertificateVerification;
    }

    public void setSkipCertificateVerification(boolean skipCertificateVerification) {
        this.skipCertificateVerification = skipCertificateVerification;
    }

    public String getAuthMechanism() {
        return authMechanism;
    }

    public void setAuthMechanism(String authMechanism) {
        this.authMechanism = trimToNull(authMechanism) == null ? "auto" : authMechanism.strip().toLowerCase(Locale.ROOT);
    }

    public String getSpn() {
        return spn;
    }

    public void setSpn(String spn) {
        this.spn = trimToNull(spn);
    }

    public int getMinCredSSPVersion() {
        return minCredSSPVersion;
    }

    public void setMinCredSSPVersion(int minCredSSPVersion) {
        this.minCredSSPVersion = minCredSSPVersion;
    }
}
