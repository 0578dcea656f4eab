/*
 * Jenkins API stand-in: mirrors hudson.AbortException from org.jenkins-ci.main:jenkins-core 2.541.3.
 * Signatures only as far as this plugin uses them (checked by scripts/stubcheck.sh); bodies do the minimum that
 * in-process unit tests need. Compiled into target/stand-in-classes, never shipped (docs/jenkins-build.md).
 */
package hudson;

import java.io.IOException;

public class AbortException extends IOException {
    private static final long serialVersionUID = 1L;

    public AbortException() {
    }

    public AbortException(String message) {
        super(message);
    }
}
