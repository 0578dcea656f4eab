/*
 * Jenkins API stand-in: mirrors hudson.security.AccessControlled from org.jenkins-ci.main:jenkins-core 2.541.3.
 * Signatures only as far as this plugin uses them (checked by scripts/stubcheck.sh); bodies do the minimum that
 * in-process unit tests need. Compiled into target/stand-in-classes, never shipped (docs/jenkins-build.md).
 */
package hudson.security;

import org.springframework.security.core.Authentication;

public interface AccessControlled {
    ACL getACL();

    default void checkPermission(Permission permission) {
        getACL().checkPermission(permission);
    }

    default boolean hasPermission(Permission permission) {
        return getACL().hasPermission(permission);
    }

    default boolean hasPermission2(Authentication a, Permission permission) {
        return getACL().hasPermission2(a, permission);
    }
}
