package io.jenkins.plugins.winrmcredssp.protocol.kerberos;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/**
 * The JVM-wide choice of krb5.conf.
 *
 * <p>The JDK's Kerberos reads its configuration (realms, KDCs, {@code kdc_timeout}, {@code max_retries}) from one file
 * per JVM, named by the system property {@value #PROPERTY} and cached until refreshed. It cannot be chosen per
 * session. This class therefore lets a krb5.conf path be selected <em>once</em>: the first {@link #use(Path)} sets the
 * property (when it is unset) and makes the next Kerberos login re-read the configuration (Krb5LoginModule's
 * {@code refreshKrb5Config}, the JDK's supported way); later calls with the same file are no-ops, and a call with a
 * different file — or while the property already names another file — fails with a {@link KerberosException} of
 * {@link KerberosFailure#CONFIGURATION} instead of switching the configuration under running sessions. Put every
 * realm a JVM needs into that one file.
 *
 * <p>{@link #release()} undoes the selection; it exists for tests (one realm per test class) and for programs that
 * switch configuration while no Kerberos exchange is in flight.
 */
public final class Krb5Config {
    /** The JDK's system property naming the krb5.conf it reads. */
    public static final String PROPERTY = "java.security.krb5.conf";

    private static Path selected;
    private static String previousValue;
    private static boolean refreshPending;

    private Krb5Config() {
    }

    /**
     * Makes the JDK read {@code krb5Conf} from now on.
     *
     * @throws KerberosException {@link KerberosFailure#CONFIGURATION} when the file does not exist or the JVM already
     *                           uses another krb5.conf
     */
    public static synchronized void use(Path krb5Conf) throws KerberosException {
        Path wanted = krb5Conf.toAbsolutePath().normalize();
        if (!Files.isRegularFile(wanted)) {
            throw new KerberosException(KerberosFailure.CONFIGURATION,
                    "krb5.conf " + wanted + " does not exist or is not a file");
        }
        if (wanted.equals(selected)) {
            return;
        }
        String current = System.getProperty(PROPERTY);
        if (selected != null || (current != null && !sameFile(current, wanted))) {
            String inUse = selected != null ? selected.toString() : current;
            throw new KerberosException(KerberosFailure.CONFIGURATION, "this JVM already uses the Kerberos"
                    + " configuration " + inUse + " (system property " + PROPERTY + "), so " + wanted
                    + " cannot be used as well: the JDK reads one krb5.conf per JVM. Put all realms into one krb5.conf"
                    + " and give that same path everywhere (or leave the option empty to use the JVM's configuration)");
        }
        previousValue = current;
        System.setProperty(PROPERTY, wanted.toString());
        selected = wanted;
        refreshPending |= current == null;
    }

    /** The file selected by {@link #use(Path)}, if any. */
    public static synchronized Optional<Path> selected() {
        return Optional.ofNullable(selected);
    }

    /**
     * Forgets the selection and puts the system property back as it was before {@link #use(Path)}; the next login
     * re-reads the configuration. Only call this while no Kerberos exchange is in flight.
     */
    public static synchronized void release() {
        if (selected == null) {
            return;
        }
        if (previousValue == null) {
            System.clearProperty(PROPERTY);
        } else {
            System.setProperty(PROPERTY, previousValue);
        }
        selected = null;
        previousValue = null;
        refreshPending = true;
    }

    /** Whether the next login must re-read the configuration; true once after each change of the selection. */
    static synchronized boolean takeRefresh() {
        boolean refresh = refreshPending;
        refreshPending = false;
        return refresh;
    }

    /**
     * Where the JDK reads its Kerberos configuration from, for error messages: {@value #PROPERTY}, else
     * {@code ${java.home}/conf/security/krb5.conf}, else the platform's file (the JDK's documented search order).
     */
    static String describeSource() {
        String property = System.getProperty(PROPERTY);
        if (property != null) {
            return property + " (from " + PROPERTY + ")";
        }
        Path javaHome = Path.of(System.getProperty("java.home"), "conf", "security", "krb5.conf");
        if (Files.exists(javaHome)) {
            return javaHome.toString();
        }
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        String platform;
        if (os.startsWith("windows")) {
            platform = "%WINDIR%\\krb5.ini";
        } else if (os.startsWith("mac")) {
            platform = "/Library/Preferences/edu.mit.Kerberos";
        } else {
            platform = "/etc/krb5.conf";
        }
        return platform + (Files.exists(Path.of(platform)) ? "" : " (missing; " + PROPERTY + " is not set)");
    }

    private static boolean sameFile(String current, Path wanted) {
        return Path.of(current).toAbsolutePath().normalize().equals(wanted);
    }
}
