package io.jenkins.plugins.winrmcredssp.protocol.auth;

import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;
import javax.security.auth.Destroyable;

/**
 * A user name and password for NTLM, Kerberos and CredSSP's TSPasswordCreds. The user may be written
 * {@code DOMAIN\\user} (down-level logon name), {@code user@domain} (UPN: the whole UPN is the user name and the domain
 * is empty, as MS-NLMP §3.1.5.1.2 and MS-CSSP §2.2.1.2.1 expect) or a bare {@code user}.
 *
 * <p>The password is held as a char array, copied out on request, wiped by {@link #destroy()}, and never part of
 * {@link #toString()}.
 */
public final class UserCredentials implements Destroyable {
    private final String domain;
    private final String user;
    private final char[] password;
    private boolean destroyed;

    private UserCredentials(String domain, String user, char[] password) {
        this.domain = domain;
        this.user = user;
        this.password = password.clone();
    }

    /**
     * Parses {@code DOMAIN\\user}, {@code user@domain} or {@code user}.
     *
     * @param password copied; the caller may wipe its own array afterwards
     */
    public static UserCredentials parse(String userName, char[] password) {
        Objects.requireNonNull(userName, "userName");
        Objects.requireNonNull(password, "password");
        String name = userName.trim();
        int backslash = name.indexOf('\\');
        if (backslash >= 0) {
            String domain = name.substring(0, backslash);
            String user = name.substring(backslash + 1);
            if (user.isEmpty() || user.indexOf('\\') >= 0) {
                throw new IllegalArgumentException("User name '" + userName + "' must be DOMAIN\\user, user@domain or user");
            }
            return new UserCredentials(domain, user, password);
        }
        if (name.isEmpty() || name.startsWith("@") || name.endsWith("@")) {
            throw new IllegalArgumentException("User name '" + userName + "' must be DOMAIN\\user, user@domain or user");
        }
        return new UserCredentials("", name, password);
    }

    /** NetBIOS or DNS domain from {@code DOMAIN\\user}; empty for a UPN or a bare user name. */
    public String domain() {
        return domain;
    }

    /** The user name as sent: {@code user} or the whole UPN {@code user@domain}. */
    public String user() {
        return user;
    }

    public boolean isUpn() {
        return domain.isEmpty() && user.indexOf('@') > 0;
    }

    /** The realm part of a UPN, upper-cased (Kerberos realms are); empty when there is none. */
    public String upnRealm() {
        return isUpn() ? user.substring(user.lastIndexOf('@') + 1).toUpperCase(Locale.ROOT) : "";
    }

    /** The account part: {@code user} without domain or UPN suffix. */
    public String account() {
        return isUpn() ? user.substring(0, user.lastIndexOf('@')) : user;
    }

    /** The name as the user wrote it, normalized: {@code DOMAIN\\user}, {@code user@domain} or {@code user}. */
    public String displayName() {
        return domain.isEmpty() ? user : domain + "\\" + user;
    }

    /** A copy of the password; the caller should wipe it when done. */
    public char[] password() {
        if (destroyed) {
            throw new IllegalStateException("credentials were destroyed");
        }
        return password.clone();
    }

    @Override
    public void destroy() {
        Arrays.fill(password, '\0');
        destroyed = true;
    }

    @Override
    public boolean isDestroyed() {
        return destroyed;
    }

    @Override
    public String toString() {
        return "UserCredentials[" + displayName() + ", password=****]";
    }
}
