package io.jenkins.plugins.winrmcredssp.protocol.kerberos;

import io.jenkins.plugins.winrmcredssp.protocol.auth.UserCredentials;
import java.util.Arrays;
import java.util.Objects;
import javax.security.auth.kerberos.KerberosPrincipal;
import javax.security.auth.login.LoginContext;
import org.ietf.jgss.GSSContext;
import org.ietf.jgss.GSSCredential;
import org.ietf.jgss.GSSException;
import org.ietf.jgss.GSSManager;
import org.ietf.jgss.GSSName;

/**
 * The Kerberos V5 initiator (RFC 4121) with explicit credentials, through JGSS.
 *
 * <p>The first {@link #step(byte[]) step(null)} logs in with the user name and password (AS exchange through a JAAS
 * Krb5LoginModule login with its own Configuration object and an in-memory callback handler: no ticket cache read or
 * written, no prompt), gets a ticket for the service principal and returns the AP-REQ token; the second step takes
 * the service's AP-REP (mutual authentication, always requested) and completes the context, after which messages are
 * protected with confidentiality, integrity, sequence and replay detection.
 *
 * <p>User names: {@code user@domain} logs in as {@code user@DOMAIN}; {@code DOMAIN\\user} and {@code user} log in in
 * {@link KerberosSettings#realm()} if set, else in the configuration's {@code default_realm} (a dotted
 * {@code dns.domain\\user} uses {@code DNS.DOMAIN}). Service principal: {@code HTTP/<host>@<client realm>} unless
 * {@link KerberosSettings} says otherwise. The JVM's Kerberos configuration applies (see {@link Krb5Config}).
 *
 * <p>Failures are {@link KerberosException}s; {@link KerberosException#kerberosUnavailable()} tells whether falling
 * back to NTLM makes sense. Not thread-safe; one context per authentication.
 */
public final class KerberosInitiatorContext extends GssBackedContext {
    private final UserCredentials credentials;
    private final String host;
    private final KerberosSettings settings;
    private String clientPrincipal;
    private String servicePrincipal;

    /**
     * @param credentials the user; read at the first step, never stored elsewhere or destroyed here
     * @param host        the target host as the caller reached it (name of the SPN unless the settings override it)
     */
    public KerberosInitiatorContext(UserCredentials credentials, String host, KerberosSettings settings) {
        this.credentials = Objects.requireNonNull(credentials, "credentials");
        this.settings = Objects.requireNonNull(settings, "settings");
        if (settings.servicePrincipal() == null && (host == null || host.isBlank())) {
            throw new IllegalArgumentException("a target host or an explicit service principal is needed");
        }
        this.host = host;
    }

    @Override
    public byte[] step(byte[] input) throws KerberosException {
        ensureOpen();
        if (isEstablished()) {
            throw new KerberosException(KerberosFailure.PROTOCOL, "Kerberos context for " + servicePrincipal
                    + " is already established; no further token expected");
        }
        byte[] token;
        if (context() == null) {
            if (input != null && input.length > 0) {
                throw new KerberosException(KerberosFailure.PROTOCOL, "the Kerberos initiator sends the first token;"
                        + " it received one before sending anything");
            }
            start();
            token = new byte[0];
        } else if (input == null || input.length == 0) {
            throw new KerberosException(KerberosFailure.PROTOCOL, "Kerberos authentication to " + servicePrincipal
                    + ": the service sent no AP-REP token, but mutual authentication needs one");
        } else {
            token = input;
        }
        byte[] output;
        try {
            output = asSubject(() -> context().initSecContext(token, 0, token.length));
        } catch (GSSException | RuntimeException e) {
            throw KerberosErrors.classify(e, KerberosErrors.Stage.CONTEXT, clientPrincipal, servicePrincipal);
        }
        if (isEstablished()) {
            checkEstablished();
        }
        return output == null || output.length == 0 ? null : output;
    }

    /** The target's service principal ({@code HTTP/host@REALM}) once the first step has run, else {@code null}. */
    @Override
    public String peerName() {
        return servicePrincipal;
    }

    /** The user's principal with its realm once logged in, else {@code null}. */
    public String clientPrincipal() {
        return clientPrincipal;
    }

    private void start() throws KerberosException {
        if (settings.krb5Conf() != null) {
            Krb5Config.use(settings.krb5Conf());
        }
        if (Boolean.getBoolean("sun.security.jgss.native")) {
            throw new KerberosException(KerberosFailure.CONFIGURATION, "the JVM runs with"
                    + " sun.security.jgss.native=true: native GSS-API ignores explicit credentials, so Kerberos with a"
                    + " user name and password is impossible here");
        }
        String requested = KerberosNames.clientPrincipal(credentials, settings.realm());
        LoginContext login;
        char[] password = credentials.password();
        try {
            login = KerberosLogin.withPassword(requested, password, Krb5Config.takeRefresh());
        } finally {
            Arrays.fill(password, '\0');
        }
        loggedIn(login);
        KerberosPrincipal principal = login.getSubject().getPrincipals(KerberosPrincipal.class).iterator().next();
        clientPrincipal = principal.getName();
        try {
            servicePrincipal = KerberosNames.servicePrincipal(host, settings, principal.getRealm());
            GSSManager manager = GSSManager.getInstance();
            GSSName client = manager.createName(clientPrincipal, KRB5_PRINCIPAL_NAME);
            GSSName target = manager.createName(servicePrincipal, KRB5_PRINCIPAL_NAME);
            usingCredential(asSubject(() -> manager.createCredential(client, GSSCredential.DEFAULT_LIFETIME,
                    KRB5_MECHANISM, GSSCredential.INITIATE_ONLY)));
            GSSContext context = manager.createContext(target, KRB5_MECHANISM, credential(),
                    GSSContext.DEFAULT_LIFETIME);
            context.requestMutualAuth(true);
            context.requestConf(true);
            context.requestInteg(true);
            context.requestSequenceDet(true);
            context.requestReplayDet(true);
            context.requestCredDeleg(settings.delegateCredentials());
            usingContext(context);
        } catch (GSSException e) {
            close();
            throw KerberosErrors.classify(e, KerberosErrors.Stage.CONTEXT, clientPrincipal, servicePrincipal);
        } catch (KerberosException e) {
            close();
            throw e;
        }
    }

    private void checkEstablished() throws KerberosException {
        GSSContext context = context();
        if (!context.getMutualAuthState()) {
            throw new KerberosException(KerberosFailure.PROTOCOL, "Kerberos authentication to " + servicePrincipal
                    + ": the service did not authenticate itself (no mutual authentication)");
        }
        if (!context.getConfState() || !context.getIntegState()) {
            throw new KerberosException(KerberosFailure.PROTOCOL, "Kerberos authentication to " + servicePrincipal
                    + ": the context offers no confidentiality/integrity, which message protection needs");
        }
    }
}
