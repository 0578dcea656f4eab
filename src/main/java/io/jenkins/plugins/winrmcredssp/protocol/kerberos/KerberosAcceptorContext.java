package io.jenkins.plugins.winrmcredssp.protocol.kerberos;

import java.nio.file.Path;
import java.util.Objects;
import javax.security.auth.login.LoginContext;
import org.ietf.jgss.GSSContext;
import org.ietf.jgss.GSSCredential;
import org.ietf.jgss.GSSException;
import org.ietf.jgss.GSSManager;
import org.ietf.jgss.GSSName;

/**
 * The Kerberos V5 acceptor (RFC 4121) with the service's keys from a keytab, through JGSS: takes the client's AP-REQ,
 * answers the AP-REP. Used by the project's local WinRM test service. Not thread-safe; one context per client.
 */
public final class KerberosAcceptorContext extends GssBackedContext {
    /** Accepts tickets for any principal whose key is in the keytab. */
    public static final String ANY_PRINCIPAL = "*";

    private final String principal;
    private final Path keytab;
    private String client;

    /**
     * @param keytab    the service's keytab
     * @param principal the service principal ({@code HTTP/host@REALM}) or {@link #ANY_PRINCIPAL}
     */
    public KerberosAcceptorContext(Path keytab, String principal) {
        this.keytab = Objects.requireNonNull(keytab, "keytab");
        this.principal = Objects.requireNonNull(principal, "principal");
    }

    @Override
    public byte[] step(byte[] input) throws KerberosException {
        ensureOpen();
        if (input == null || input.length == 0) {
            throw new KerberosException(KerberosFailure.PROTOCOL, "the Kerberos acceptor needs the client's AP-REQ"
                    + " token");
        }
        if (isEstablished()) {
            throw new KerberosException(KerberosFailure.PROTOCOL, "Kerberos context with " + client
                    + " is already established; no further token expected");
        }
        if (context() == null) {
            start();
        }
        byte[] output;
        try {
            output = asSubject(() -> context().acceptSecContext(input, 0, input.length));
            if (isEstablished()) {
                client = context().getSrcName().toString();
            }
        } catch (GSSException | RuntimeException e) {
            throw KerberosErrors.classify(e, KerberosErrors.Stage.ACCEPT, null, principal);
        }
        return output == null || output.length == 0 ? null : output;
    }

    /** The authenticated client principal ({@code user@REALM}) once established, else {@code null}. */
    @Override
    public String peerName() {
        return client;
    }

    private void start() throws KerberosException {
        LoginContext login = KerberosLogin.withKeytab(principal, keytab, Krb5Config.takeRefresh());
        loggedIn(login);
        try {
            GSSManager manager = GSSManager.getInstance();
            GSSName name = ANY_PRINCIPAL.equals(principal) ? null : manager.createName(principal, KRB5_PRINCIPAL_NAME);
            usingCredential(asSubject(() -> manager.createCredential(name, GSSCredential.INDEFINITE_LIFETIME,
                    KRB5_MECHANISM, GSSCredential.ACCEPT_ONLY)));
            usingContext(manager.createContext(credential()));
        } catch (GSSException e) {
            close();
            throw new KerberosException(KerberosFailure.CONFIGURATION, "cannot act as Kerberos service " + principal
                    + " with keytab " + keytab + ": " + e.getMessage(), e);
        }
    }
}
