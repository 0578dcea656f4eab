package io.jenkins.plugins.winrmcredssp.protocol.kerberos;

import java.nio.file.Path;
import java.util.Locale;

/**
 * How the initiator names the service and the user's realm. Immutable; start from {@link #defaults()}.
 *
 * @param serviceClass        the service class of the target's SPN, {@code HTTP} by default (what WinRM registers;
 *                            some hosts use {@code WSMAN})
 * @param servicePrincipal    an explicit SPN ({@code class/host} or {@code class/host@REALM}) overriding the class and
 *                            host; {@code null} for none
 * @param canonicalizeHost    whether to replace the host by its canonical DNS name (forward then reverse lookup)
 *                            before building the SPN; by default the host is used as given
 * @param realm               the realm for {@code DOMAIN\\user} and bare user names; {@code null} for the default
 *                            realm of the Kerberos configuration
 * @param krb5Conf            a krb5.conf to select for the whole JVM (see {@link Krb5Config}: one file per JVM);
 *                            {@code null} to use the JVM's configuration
 * @param delegateCredentials whether to delegate a forwardable TGT to the service (Kerberos delegation; needs
 *                            {@code forwardable = true} in krb5.conf; not needed under CredSSP)
 */
public record KerberosSettings(String serviceClass, String servicePrincipal, boolean canonicalizeHost, String realm,
                               Path krb5Conf, boolean delegateCredentials) {

    public KerberosSettings {
        if (serviceClass == null || serviceClass.isBlank() || serviceClass.contains("/")
                || serviceClass.contains("@")) {
            throw new IllegalArgumentException("service class must be a non-empty name like HTTP or WSMAN, not '"
                    + serviceClass + "'");
        }
        if (servicePrincipal != null && (servicePrincipal.isBlank() || servicePrincipal.indexOf('/') <= 0)) {
            throw new IllegalArgumentException("service principal must look like class/host or class/host@REALM, not '"
                    + servicePrincipal + "'");
        }
        if (realm != null) {
            if (realm.isBlank()) {
                realm = null;
            } else {
                realm = realm.trim().toUpperCase(Locale.ROOT);
            }
        }
    }

    /** Service class {@code HTTP}, host as given, the configuration's default realm, the JVM's krb5.conf. */
    public static KerberosSettings defaults() {
        return new KerberosSettings("HTTP", null, false, null, null, false);
    }

    public KerberosSettings withServiceClass(String value) {
        return new KerberosSettings(value, servicePrincipal, canonicalizeHost, realm, krb5Conf, delegateCredentials);
    }

    public KerberosSettings withServicePrincipal(String value) {
        return new KerberosSettings(serviceClass, value, canonicalizeHost, realm, krb5Conf, delegateCredentials);
    }

    public KerberosSettings withCanonicalizeHost(boolean value) {
        return new KerberosSettings(serviceClass, servicePrincipal, value, realm, krb5Conf, delegateCredentials);
    }

    public KerberosSettings withRealm(String value) {
        return new KerberosSettings(serviceClass, servicePrincipal, canonicalizeHost, value, krb5Conf,
                delegateCredentials);
    }

    public KerberosSettings withKrb5Conf(Path value) {
        return new KerberosSettings(serviceClass, servicePrincipal, canonicalizeHost, realm, value,
                delegateCredentials);
    }

    public KerberosSettings withDelegateCredentials(boolean value) {
        return new KerberosSettings(serviceClass, servicePrincipal, canonicalizeHost, realm, krb5Conf, value);
    }
}
