/*
 * Jenkins API stand-in: mirrors hudson.security.PermissionGroup from org.jenkins-ci.main:jenkins-core 2.541.3.
 * Signatures only as far as this plugin uses them (checked by scripts/stubcheck.sh); bodies do the minimum that
 * in-process unit tests need. Compiled into target/stand-in-classes, never shipped (docs/jenkins-build.md).
 */
package hudson.security;

import org.jvnet.localizer.Localizable;

public final class PermissionGroup {
    public final Class<?> owner;
    public final Localizable title;
    private final String id;

    public PermissionGroup(Class<?> owner, Localizable title) {
        this(owner.getName(), owner, title);
    }

    public PermissionGroup(String id, Class<?> owner, Localizable title) {
        this.id = id;
        this.owner = owner;
        this.title = title;
    }

    public String getId() {
        return id;
    }
}
