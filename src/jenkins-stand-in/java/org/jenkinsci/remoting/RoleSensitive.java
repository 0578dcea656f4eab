/*
 * Jenkins API stand-in: mirrors org.jenkinsci.remoting.RoleSensitive from org.jenkins-ci.main:remoting 3352.v17a_fb_4b_2773f.
 * Signatures only as far as this plugin uses them (checked by scripts/stubcheck.sh); bodies do the minimum that
 * in-process unit tests need. Compiled into target/stand-in-classes, never shipped (docs/jenkins-build.md).
 */
package org.jenkinsci.remoting;

public interface RoleSensitive {
    void checkRoles(RoleChecker checker) throws SecurityException;
}
