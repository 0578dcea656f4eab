package io.jenkins.plugins.winrmcredssp.protocol.cli;

import java.util.Locale;

/** The inner mechanism CredSSP authenticates with: {@code --auth-mechanism auto|ntlm|kerberos}. */
public enum AuthMechanism {
    /** SPNEGO, as Windows clients do. */
    AUTO,
    /** Raw NTLM. */
    NTLM,
    /** Kerberos only. */
    KERBEROS;

    static AuthMechanism parse(String text) throws UsageException {
        for (AuthMechanism value : values()) {
            if (value.name().toLowerCase(Locale.ROOT).equals(text)) {
                return value;
            }
        }
        throw new UsageException("--auth-mechanism must be auto, ntlm or kerberos, not '" + text + "'");
    }
}
