/*
 * Jenkins API stand-in: mirrors org.jenkinsci.remoting.RoleChecker from org.jenkins-ci.main:remoting 3352.v17a_fb_4b_2773f.
 * Signatures only as far as this plugin uses them (checked by scripts/stubcheck.sh); bodies do the minimum that
 * in-process unit tests need. Compiled into target/stand-in-classes, never shipped (docs/jenkins-build.md).
 */
package org.jenkinsci.remoting;

import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;

public abstract class RoleChecker {
    public RoleChecker() {
    }

    public abstract void check(RoleSensitive subject, Collection<Role> expected) throws SecurityException;

    public void check(RoleSensitive subject, Role expected) throws SecurityException {
        check(subject, Collections.singleton(expected));
    }

    public void check(RoleSensitive subject, Role... expected) throws SecurityException {
        check(subject, Arrays.asList(expected));
    }
}
