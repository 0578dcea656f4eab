/*
 * Jenkins API stand-in: mirrors hudson.security.AccessDeniedException3 from org.jenkins-ci.main:jenkins-core 2.541.3.
 * Signatures only as far as this plugin uses them (checked by scripts/stubcheck.sh); bodies do the minimum that
 * in-process unit tests need. Compiled into target/stand-in-classes, never shipped (docs/jenkins-build.md).
 */
package hudson.security;

import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.Authentication;

public class AccessDeniedException3 extends AccessDeniedException {
    private static final long serialVersionUID = 1L;

    public final Permission permission;

    public AccessDeniedException3(Authentication authentication, Permission permission) {
        super(authentication.getName() + " is missing the " + permission.group.getId() + "/" + permission.name
                + " permission");
        this.permission = permission;
    }
}
