/*
 * Jenkins API stand-in: mirrors hudson.model.Queue from org.jenkins-ci.main:jenkins-core 2.541.3.
 * Signatures only as far as this plugin uses them (checked by scripts/stubcheck.sh); bodies do the minimum that
 * in-process unit tests need. Compiled into target/stand-in-classes, never shipped (docs/jenkins-build.md).
 */
package hudson.model;

/** Only the nested {@link Task} type; the queue itself is not part of the stand-in. */
public class Queue {
    private Queue() {
    }

    public interface Task {
        String getName();

        String getUrl();
    }
}
