/*
 * Jenkins API stand-in: mirrors org.jenkinsci.remoting.Role from org.jenkins-ci.main:remoting 3352.v17a_fb_4b_2773f.
 * Signatures only as far as this plugin uses them (checked by scripts/stubcheck.sh); bodies do the minimum that
 * in-process unit tests need. Compiled into target/stand-in-classes, never shipped (docs/jenkins-build.md).
 */
package org.jenkinsci.remoting;

import java.util.Collection;
import java.util.Set;

public final class Role {
    public static final Role UNKNOWN = new Role("unknown");
    public static final Collection<Role> UNKNOWN_SET = Set.of(UNKNOWN);

    private final String name;

    public Role(String name) {
        this.name = name;
    }

    public Role(Class<?> name) {
        this(name.getName());
    }

    public String getName() {
        return name;
    }

    @Override
    public String toString() {
        return super.toString() + "[" + name + "]";
    }
}
