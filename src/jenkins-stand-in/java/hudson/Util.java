/*
 * Jenkins API stand-in: mirrors hudson.Util from org.jenkins-ci.main:jenkins-core 2.541.3.
 * Signatures only as far as this plugin uses them (checked by scripts/stubcheck.sh); bodies do the minimum that
 * in-process unit tests need. Compiled into target/stand-in-classes, never shipped (docs/jenkins-build.md).
 */
package hudson;

public class Util {
    public Util() {
    }

    public static String fixNull(String s) {
        return s == null ? "" : s;
    }

    public static String fixEmpty(String s) {
        return s == null || s.isEmpty() ? null : s;
    }

    public static String fixEmptyAndTrim(String s) {
        return s == null ? null : fixEmpty(s.trim());
    }
}
