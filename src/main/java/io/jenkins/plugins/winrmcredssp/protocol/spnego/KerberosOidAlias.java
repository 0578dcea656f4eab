package io.jenkins.plugins.winrmcredssp.protocol.spnego;

import io.jenkins.plugins.winrmcredssp.protocol.auth.Mechanism;
import java.util.Optional;
import java.util.Set;

/**
 * Kerberos has two OIDs in SPNEGO: RFC 4121's and the one Windows 2000 used by mistake, which Windows still lists first
 * and answers with (MS-SPNG §3.1.5.2). Both designate the same mechanism.
 */
final class KerberosOidAlias {
    private KerberosOidAlias() {
    }

    /** {@code wanted} if available, else its Kerberos alias if that is available. */
    static Optional<Mechanism> resolve(Mechanism wanted, Set<Mechanism> available) {
        if (available.contains(wanted)) {
            return Optional.of(wanted);
        }
        Mechanism alias = switch (wanted) {
            case KERBEROS -> Mechanism.KERBEROS_MS_LEGACY;
            case KERBEROS_MS_LEGACY -> Mechanism.KERBEROS;
            default -> null;
        };
        return alias != null && available.contains(alias) ? Optional.of(alias) : Optional.empty();
    }
}
