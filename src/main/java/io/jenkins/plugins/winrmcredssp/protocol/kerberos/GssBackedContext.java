package io.jenkins.plugins.winrmcredssp.protocol.kerberos;

import io.jenkins.plugins.winrmcredssp.protocol.auth.Mechanism;
import io.jenkins.plugins.winrmcredssp.protocol.auth.SecurityContext;
import java.security.PrivilegedActionException;
import java.security.PrivilegedExceptionAction;
import java.util.Objects;
import javax.security.auth.DestroyFailedException;
import javax.security.auth.Destroyable;
import javax.security.auth.Subject;
import javax.security.auth.login.LoginContext;
import javax.security.auth.login.LoginException;
import org.ietf.jgss.GSSContext;
import org.ietf.jgss.GSSCredential;
import org.ietf.jgss.GSSException;
import org.ietf.jgss.MessageProp;
import org.ietf.jgss.Oid;

/**
 * What the Kerberos initiator and acceptor share: a JGSS context bound to a JAAS login, and per-message protection
 * with RFC 4121 §4.2 tokens (wrap with confidentiality, MIC).
 */
abstract class GssBackedContext implements SecurityContext {
    /** The Kerberos V5 mechanism, RFC 1964 §1. */
    static final Oid KRB5_MECHANISM = oid(Mechanism.KERBEROS.oid());
    /** GSS_KRB5_NT_PRINCIPAL_NAME, RFC 1964 §2.1.1: {@code name/instance@REALM}, taken as written. */
    static final Oid KRB5_PRINCIPAL_NAME = oid("1.2.840.113554.1.2.2.1");

    private LoginContext login;
    private GSSCredential credential;
    private GSSContext context;
    private boolean closed;

    @Override
    public final Mechanism mechanism() {
        return Mechanism.KERBEROS;
    }

    @Override
    public final boolean isEstablished() {
        return context != null && context.isEstablished();
    }

    final void loggedIn(LoginContext login) {
        this.login = login;
    }

    final void usingCredential(GSSCredential credential) {
        this.credential = credential;
    }

    final void usingContext(GSSContext context) {
        this.context = context;
    }

    /** The logged-in subject holding the tickets (initiator) or keys (acceptor); {@code null} before the login. */
    final Subject subject() {
        return login == null ? null : login.getSubject();
    }

    final GSSCredential credential() {
        return credential;
    }

    final GSSContext context() {
        return context;
    }

    final void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("the Kerberos context was closed");
        }
    }

    /** Runs a JGSS call as the logged-in subject, where JGSS finds tickets and keys. */
    final <T> T asSubject(PrivilegedExceptionAction<T> action) throws GSSException {
        try {
            return Subject.doAs(subject(), action);
        } catch (PrivilegedActionException e) {
            if (e.getException() instanceof GSSException gss) {
                throw gss;
            }
            throw new IllegalStateException("unexpected JGSS failure", e.getException());
        }
    }

    @Override
    public final byte[] wrap(byte[] message) throws KerberosException {
        Objects.requireNonNull(message, "message");
        GSSContext established = established("wrap");
        MessageProp prop = new MessageProp(0, true);
        try {
            byte[] token = established.wrap(message, 0, message.length, prop);
            if (!prop.getPrivacy()) {
                throw new KerberosException(KerberosFailure.PROTOCOL, "Kerberos wrap: confidentiality is not available"
                        + " on this context");
            }
            return token;
        } catch (GSSException e) {
            throw messageFailure("wrap", e);
        }
    }

    @Override
    public final byte[] unwrap(byte[] token) throws KerberosException {
        Objects.requireNonNull(token, "token");
        GSSContext established = established("unwrap");
        MessageProp prop = new MessageProp(0, true);
        byte[] message;
        try {
            message = established.unwrap(token, 0, token.length, prop);
        } catch (GSSException | RuntimeException e) {
            throw messageFailure("unwrap", e);
        }
        if (!prop.getPrivacy()) {
            throw new KerberosException(KerberosFailure.PROTOCOL, "Kerberos unwrap: the peer's wrap token is not"
                    + " encrypted, but confidentiality was negotiated");
        }
        checkSequence("unwrap", prop);
        return message;
    }

    @Override
    public final byte[] getMic(byte[] message) throws KerberosException {
        Objects.requireNonNull(message, "message");
        GSSContext established = established("getMIC");
        try {
            return established.getMIC(message, 0, message.length, new MessageProp(0, false));
        } catch (GSSException e) {
            throw messageFailure("getMIC", e);
        }
    }

    @Override
    public final void verifyMic(byte[] message, byte[] mic) throws KerberosException {
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(mic, "mic");
        GSSContext established = established("verifyMIC");
        MessageProp prop = new MessageProp(0, false);
        try {
            established.verifyMIC(mic, 0, mic.length, message, 0, message.length, prop);
        } catch (GSSException | RuntimeException e) {
            throw messageFailure("verifyMIC", e);
        }
        checkSequence("verifyMIC", prop);
    }

    /** Disposes of the GSS context and credential and destroys the tickets and keys the login holds. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            if (context != null) {
                context.dispose();
            }
            if (credential != null) {
                credential.dispose();
            }
        } catch (GSSException e) {
            // Disposal only frees JGSS state; the login's tickets and keys are destroyed by logout below.
        }
        if (login != null) {
            // Krb5LoginModule.logout() takes the tickets out of the subject but does not destroy those JGSS added.
            for (Destroyable secret : login.getSubject().getPrivateCredentials(Destroyable.class)) {
                try {
                    secret.destroy();
                } catch (DestroyFailedException e) {
                    // Tickets and keys of the JDK always destroy; nothing else is kept here.
                }
            }
            try {
                login.logout();
            } catch (LoginException e) {
                // Nothing is left that this context could still release.
            }
        }
    }

    private GSSContext established(String operation) throws KerberosException {
        ensureOpen();
        if (!isEstablished()) {
            throw new KerberosException(KerberosFailure.PROTOCOL, "Kerberos " + operation + " before the context is"
                    + " established");
        }
        return context;
    }

    private static void checkSequence(String operation, MessageProp prop) throws KerberosException {
        if (prop.isDuplicateToken() || prop.isOldToken()) {
            throw new KerberosException(KerberosFailure.PROTOCOL, "Kerberos " + operation + ": replayed token (RFC 4121"
                    + " §4.2.6.1 sequence number seen before)");
        }
    }

    private static KerberosException messageFailure(String operation, Exception e) {
        String detail = e instanceof GSSException gss ? gss.getMessage() : "malformed token (" + e + ")";
        return new KerberosException(KerberosFailure.PROTOCOL, "Kerberos " + operation + " failed: " + detail, e);
    }

    private static Oid oid(String dotted) {
        try {
            return new Oid(dotted);
        } catch (GSSException e) {
            throw new ExceptionInInitializerError(e);
        }
    }
}
