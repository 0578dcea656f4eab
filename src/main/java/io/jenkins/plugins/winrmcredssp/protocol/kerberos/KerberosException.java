package io.jenkins.plugins.winrmcredssp.protocol.kerberos;

import io.jenkins.plugins.winrmcredssp.protocol.ProtocolException;
import java.util.Objects;

/**
 * A Kerberos failure: the message says what failed and what to check; {@link #failure()} says why, in a form code can
 * act on ({@link #kerberosUnavailable()} for the NTLM fallback). Messages never contain passwords.
 */
public class KerberosException extends ProtocolException {
    private static final long serialVersionUID = 1L;

    private final KerberosFailure failure;

    public KerberosException(KerberosFailure failure, String message) {
        super(message);
        this.failure = Objects.requireNonNull(failure, "failure");
    }

    public KerberosException(KerberosFailure failure, String message, Throwable cause) {
        super(message, cause);
        this.failure = Objects.requireNonNull(failure, "failure");
    }

    public KerberosFailure failure() {
        return failure;
    }

    /** Kerberos is impossible here (no realm, KDC, SPN, user unknown...): falling back to NTLM is reasonable. */
    public boolean kerberosUnavailable() {
        return failure.kerberosUnavailable();
    }
}
