/*
 * Jenkins API stand-in: mirrors hudson.security.ACL from org.jenkins-ci.main:jenkins-core 2.541.3.
 * Signatures only as far as this plugin uses them (checked by scripts/stubcheck.sh); bodies do the minimum that
 * in-process unit tests need. Compiled into target/stand-in-classes, never shipped (docs/jenkins-build.md).
 */
package hudson.security;

import io.jenkins.plugins.winrmcredssp.standin.StandInAuthentication;
import java.util.function.BiFunction;
import jenkins.model.Jenkins;
import org.springframework.security.core.Authentication;

public abstract class ACL {
    public static final String ANONYMOUS_USERNAME = "anonymous";
    public static final String SYSTEM_USERNAME = "SYSTEM";
    public static final Authentication SYSTEM2 = new StandInAuthentication(SYSTEM_USERNAME);

    public ACL() {
    }

    public final void checkPermission(Permission p) {
        Authentication a = Jenkins.getAuthentication2();
        if (!hasPermission2(a, p)) {
            throw new AccessDeniedException3(a, p);
        }
    }

    public final boolean hasPermission(Permission p) {
        Authentication a = Jenkins.getAuthentication2();
        return a.equals(SYSTEM2) || hasPermission2(a, p);
    }

    /** Real: delegates to a deprecated overload; subclasses override this one. */
    public boolean hasPermission2(Authentication a, Permission permission) {
        throw new AbstractMethodError("override hasPermission2(Authentication, Permission)");
    }

    public static ACL lambda2(BiFunction<Authentication, Permission, Boolean> impl) {
        return new ACL() {
            @Override
            public boolean hasPermission2(Authentication a, Permission permission) {
                return impl.apply(a, permission);
            }
        };
    }

    public static boolean isAnonymous2(Authentication authentication) {
        return ANONYMOUS_USERNAME.equals(authentication.getName());
    }
}
