package io.jenkins.plugins.winrmcredssp.protocol.kerberos;

import io.jenkins.plugins.winrmcredssp.protocol.auth.UserCredentials;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Locale;

/** Kerberos principal names (RFC 4120 §6.2) for the user and the target service. */
final class KerberosNames {

    private KerberosNames() {
    }

    /**
     * The client principal for the user's credentials: {@code user@domain} becomes {@code user@DOMAIN} (realms are
     * upper case); {@code DOMAIN\\user} and {@code user} get {@code realm} when given, a DNS domain
     * ({@code example.com\\user}) becomes the realm {@code EXAMPLE.COM}, and otherwise the name stays without realm so
     * that the JDK applies the configuration's {@code default_realm} (a NetBIOS domain name is not a realm).
     *
     * @param realm the realm option, upper case, or {@code null}
     */
    static String clientPrincipal(UserCredentials credentials, String realm) {
        if (credentials.isUpn()) {
            return credentials.account() + "@" + credentials.upnRealm();
        }
        String user = credentials.user();
        if (realm != null) {
            return user + "@" + realm;
        }
        String domain = credentials.domain();
        if (domain.indexOf('.') > 0) {
            return user + "@" + domain.toUpperCase(Locale.ROOT);
        }
        return user;
    }

    /**
     * The target's service principal: the explicit SPN when configured, else {@code serviceClass/host}; the realm is
     * the SPN's own when it names one, else the client's (the KDC refers cross-realm targets itself).
     *
     * @throws KerberosException when canonicalization was asked for and the host does not resolve
     */
    static String servicePrincipal(String host, KerberosSettings settings, String clientRealm)
            throws KerberosException {
        String name = settings.servicePrincipal();
        if (name == null) {
            if (host == null || host.isBlank()) {
                throw new IllegalArgumentException("the target host is needed to name its service principal");
            }
            name = settings.serviceClass() + "/" + (settings.canonicalizeHost() ? canonicalHost(host) : host);
        }
        return name.indexOf('@') > 0 ? name : name + "@" + clientRealm;
    }

    /** The canonical DNS name of {@code host} (forward lookup, then reverse), lower case. */
    static String canonicalHost(String host) throws KerberosException {
        try {
            InetAddress address = InetAddress.getByName(host);
            String canonical = address.getCanonicalHostName();
            if (canonical.equals(address.getHostAddress())) {
                return host;
            }
            return canonical.toLowerCase(Locale.ROOT);
        } catch (UnknownHostException e) {
            throw new KerberosException(KerberosFailure.CONFIGURATION, "cannot canonicalize host name '" + host
                    + "' for the Kerberos service principal: it does not resolve (" + e.getMessage() + ")", e);
        }
    }

    /** The realm part of {@code principal}, or {@code ""}. */
    static String realmOf(String principal) {
        int at = principal.lastIndexOf('@');
        return at < 0 ? "" : principal.substring(at + 1);
    }
}
