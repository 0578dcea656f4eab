package io.jenkins.plugins.winrmcredssp.testsupport;

import java.util.Objects;

/**
 * A user the NTLM peers know. gss-ntlmssp 1.2 computes NTLMv2 with the domain as spelled in its users file, so a
 * client must send exactly {@link #domain()}; it also cannot store a password containing {@code :}.
 */
public record NtlmTestUser(String domain, String user, String password) {
    public static final NtlmTestUser ALICE = new NtlmTestUser("EXAMPLE", "alice", "Passw0rd!");

    public NtlmTestUser {
        Objects.requireNonNull(domain, "domain");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(password, "password");
        if (password.indexOf(':') >= 0 || domain.indexOf(':') >= 0 || user.indexOf(':') >= 0) {
            throw new IllegalArgumentException("gss-ntlmssp's users file cannot hold ':' in " + this);
        }
    }

    /** {@code DOMAIN\\user}. */
    public String downLevelName() {
        return domain.isEmpty() ? user : domain + "\\" + user;
    }

    /** The same account with another password (for wrong-password tests). */
    public NtlmTestUser withPassword(String otherPassword) {
        return new NtlmTestUser(domain, user, otherPassword);
    }

    @Override
    public String toString() {
        return downLevelName();
    }
}
