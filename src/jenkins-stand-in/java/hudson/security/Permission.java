/*
 * Jenkins API stand-in: mirrors hudson.security.Permission from org.jenkins-ci.main:jenkins-core 2.541.3.
 * Signatures only as far as this plugin uses them (checked by scripts/stubcheck.sh); bodies do the minimum that
 * in-process unit tests need. Compiled into target/stand-in-classes, never shipped (docs/jenkins-build.md).
 */
package hudson.security;

/**
 * The stand-in keeps the real permissions' implication chain ({@link #impliedBy}) for the constants it declares;
 * the stand-in ACL grants a permission when it or anything implying it was granted.
 */
public final class Permission {
    public final Class<?> owner;
    public final PermissionGroup group;
    public final String name;
    public final Permission impliedBy;

    public Permission(PermissionGroup group, String name, Permission impliedBy) {
        this.owner = group.owner;
        this.group = group;
        this.name = name;
        this.impliedBy = impliedBy;
    }

    public static final PermissionGroup HUDSON_PERMISSIONS = new PermissionGroup("hudson.model.Hudson", Permission.class, null);
    public static final Permission HUDSON_ADMINISTER = new Permission(HUDSON_PERMISSIONS, "Administer", null);
    public static final PermissionGroup GROUP = new PermissionGroup(Permission.class, null);
    public static final Permission FULL_CONTROL = new Permission(GROUP, "FullControl", HUDSON_ADMINISTER);
    public static final Permission READ = new Permission(GROUP, "GenericRead", HUDSON_ADMINISTER);
    public static final Permission WRITE = new Permission(GROUP, "GenericWrite", HUDSON_ADMINISTER);
    public static final Permission CREATE = new Permission(GROUP, "GenericCreate", WRITE);
    public static final Permission UPDATE = new Permission(GROUP, "GenericUpdate", WRITE);
    public static final Permission DELETE = new Permission(GROUP, "GenericDelete", WRITE);
    public static final Permission CONFIGURE = new Permission(GROUP, "GenericConfigure", UPDATE);

    public String getId() {
        return owner.getName() + '.' + name;
    }

    @Override
    public String toString() {
        return "Permission[" + owner + "," + name + "]";
    }
}
