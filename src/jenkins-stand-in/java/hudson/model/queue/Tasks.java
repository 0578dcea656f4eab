/*
 * Jenkins API stand-in: mirrors hudson.model.queue.Tasks from org.jenkins-ci.main:jenkins-core 2.541.3.
 * Signatures only as far as this plugin uses them (checked by scripts/stubcheck.sh); bodies do the minimum that
 * in-process unit tests need. Compiled into target/stand-in-classes, never shipped (docs/jenkins-build.md).
 */
package hudson.model.queue;

import hudson.model.Queue;
import hudson.security.ACL;
import org.springframework.security.core.Authentication;

public class Tasks {
    public Tasks() {
    }

    /** Without a QueueItemAuthenticator (the stand-in has none) the real method returns {@link ACL#SYSTEM2}. */
    public static Authentication getAuthenticationOf2(Queue.Task t) {
        return ACL.SYSTEM2;
    }
}
