package io.jenkins.plugins.winrmcredssp.protocol.ntlm;

import java.util.Arrays;
import java.util.Objects;

/**
 * An account an {@link NtlmAcceptorContext} can authenticate: its domain (empty for a local account), its name and
 * its NT hash (MD4 of the UTF-16LE password, MS-NLMP §3.3.1). The hash is never part of {@link #toString()}.
 */
public final class NtlmAccount {
    private final String domain;
    private final String user;
    private final byte[] ntHash;

    public NtlmAccount(String domain, String user, byte[] ntHash) {
        this.domain = Objects.requireNonNull(domain, "domain");
        this.user = Objects.requireNonNull(user, "user");
        if (ntHash.length != 16) {
            throw new IllegalArgumentException("an NT hash is 16 bytes");
        }
        this.ntHash = ntHash.clone();
    }

    /** @param password hashed at once; the caller may wipe it afterwards */
    public static NtlmAccount withPassword(String domain, String user, char[] password) {
        byte[] hash = NtlmCrypto.ntHash(password);
        try {
            return new NtlmAccount(domain, user, hash);
        } finally {
            Arrays.fill(hash, (byte) 0);
        }
    }

    public String domain() {
        return domain;
    }

    public String user() {
        return user;
    }

    /** A copy of the NT hash; the caller should wipe it. */
    public byte[] ntHash() {
        return ntHash.clone();
    }

    @Override
    public String toString() {
        return "NtlmAccount[" + (domain.isEmpty() ? "" : domain + "\\") + user + "]";
    }
}
