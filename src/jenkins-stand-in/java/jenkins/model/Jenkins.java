/*
 * Jenkins API stand-in: mirrors jenkins.model.Jenkins from org.jenkins-ci.main:jenkins-core 2.541.3.
 * Signatures only as far as this plugin uses them (checked by scripts/stubcheck.sh); bodies do the minimum that
 * in-process unit tests need. Compiled into target/stand-in-classes, never shipped (docs/jenkins-build.md).
 */
package jenkins.model;

import hudson.model.Describable;
import hudson.model.Descriptor;
import hudson.security.ACL;
import hudson.security.AccessControlled;
import hudson.security.Permission;
import io.jenkins.plugins.winrmcredssp.standin.StandInAuthentication;
import io.jenkins.plugins.winrmcredssp.standin.StandInJenkins;
import org.springframework.security.core.Authentication;

/** A singleton that exists while {@link StandInJenkins#start()} is in effect. */
public class Jenkins implements AccessControlled {
    public static final Permission ADMINISTER = Permission.HUDSON_ADMINISTER;
    public static final Permission READ = new Permission(Permission.HUDSON_PERMISSIONS, "Read", Permission.READ);
    public static final Authentication ANONYMOUS2 = new StandInAuthentication(ACL.ANONYMOUS_USERNAME);

    private static final Jenkins INSTANCE = new Jenkins();

    private Jenkins() {
    }

    public static Jenkins get() throws IllegalStateException {
        Jenkins instance = getInstanceOrNull();
        if (instance == null) {
            throw new IllegalStateException("Jenkins.instance is missing");
        }
        return instance;
    }

    public static Jenkins getInstanceOrNull() {
        return StandInJenkins.isRunning() ? INSTANCE : null;
    }

    public static Authentication getAuthentication2() {
        return StandInJenkins.authentication();
    }

    @Override
    public ACL getACL() {
        return StandInJenkins.aclOf(this);
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    public Descriptor getDescriptorOrDie(Class<? extends Describable> type) {
        Descriptor d = StandInJenkins.descriptorOf(type);
        if (d == null) {
            throw new AssertionError(type + " is missing its descriptor");
        }
        return d;
    }
}
