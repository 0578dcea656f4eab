/*
 * Jenkins API stand-in: mirrors hudson.util.Secret from org.jenkins-ci.main:jenkins-core 2.541.3.
 * Signatures only as far as this plugin uses them (checked by scripts/stubcheck.sh); bodies do the minimum that
 * in-process unit tests need. Compiled into target/stand-in-classes, never shipped (docs/jenkins-build.md).
 */
package hudson.util;

import java.io.Serializable;

/** The real class keeps the value encrypted at rest; the stand-in only carries it. */
public final class Secret implements Serializable {
    private static final long serialVersionUID = 1L;

    private final String value;

    private Secret(String value) {
        this.value = value;
    }

    public static Secret fromString(String data) {
        return new Secret(data == null ? "" : data);
    }

    public String getPlainText() {
        return value;
    }

    public static String toString(Secret s) {
        return s == null ? "" : s.value;
    }

    /** Like the real (deprecated) method, returns the plain value. */
    @Override
    @Deprecated
    public String toString() {
        return value;
    }

    @Override
    public boolean equals(Object that) {
        return that instanceof Secret other && value.equals(other.value);
    }

    @Override
    public int hashCode() {
        return value.hashCode();
    }
}
