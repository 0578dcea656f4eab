package io.jenkins.plugins.winrmcredssp;

import org.jvnet.localizer.Localizable;
import org.jvnet.localizer.ResourceBundleHolder;

/**
 * The texts of {@code Messages.properties}, in the shape localizer-maven-plugin generates (a method per key, and a
 * {@link Localizable} variant prefixed with {@code _}). Written by hand because that Maven plugin's dependencies are not
 * on Maven Central; {@code MessagesTest} keeps it in step with the properties file.
 */
public final class Messages {
    private static final ResourceBundleHolder HOLDER = ResourceBundleHolder.get(Messages.class);

    private Messages() {
    }

    /** No credentials are selected: choose a "Username with password" credential for the Windows account. */
    public static String WinRmCredentials_NoId() {
        return HOLDER.format("WinRmCredentials.NoId");
    }

    public static Localizable _WinRmCredentials_NoId() {
        return new Localizable(HOLDER, "WinRmCredentials.NoId");
    }

    /** Credentials '{0}' were not found, or this build may not use them. */
    public static String WinRmCredentials_NotFound(Object id) {
        return HOLDER.format("WinRmCredentials.NotFound", id);
    }

    public static Localizable _WinRmCredentials_NotFound(Object id) {
        return new Localizable(HOLDER, "WinRmCredentials.NotFound", id);
    }

    /** Credentials '{0}' are of type {1}; WinRM CredSSP needs a "Username with password" credential. */
    public static String WinRmCredentials_WrongType(Object id, Object type) {
        return HOLDER.format("WinRmCredentials.WrongType", id, type);
    }

    public static Localizable _WinRmCredentials_WrongType(Object id, Object type) {
        return new Localizable(HOLDER, "WinRmCredentials.WrongType", id, type);
    }
}
