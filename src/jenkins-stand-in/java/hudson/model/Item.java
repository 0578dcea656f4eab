/*
 * Jenkins API stand-in: mirrors hudson.model.Item from org.jenkins-ci.main:jenkins-core 2.541.3.
 * Signatures only as far as this plugin uses them (checked by scripts/stubcheck.sh); bodies do the minimum that
 * in-process unit tests need. Compiled into target/stand-in-classes, never shipped (docs/jenkins-build.md).
 */
package hudson.model;

import hudson.security.AccessControlled;
import hudson.security.Permission;
import hudson.security.PermissionGroup;

public interface Item extends AccessControlled {
    PermissionGroup PERMISSIONS = new PermissionGroup(Item.class, null);
    Permission CREATE = new Permission(PERMISSIONS, "Create", Permission.CREATE);
    Permission DELETE = new Permission(PERMISSIONS, "Delete", Permission.DELETE);
    Permission CONFIGURE = new Permission(PERMISSIONS, "Configure", Permission.CONFIGURE);
    Permission READ = new Permission(PERMISSIONS, "Read", Permission.READ);
    Permission DISCOVER = new Permission(PERMISSIONS, "Discover", READ);
    Permission EXTENDED_READ = new Permission(PERMISSIONS, "ExtendedRead", CONFIGURE);
    Permission BUILD = new Permission(PERMISSIONS, "Build", Permission.UPDATE);
    Permission WORKSPACE = new Permission(PERMISSIONS, "Workspace", Permission.READ);
    Permission CANCEL = new Permission(PERMISSIONS, "Cancel", Permission.UPDATE);

    ItemGroup<? extends Item> getParent();

    String getName();

    String getFullName();

    String getDisplayName();

    String getFullDisplayName();
}
