/*
 * Jenkins API stand-in: mirrors hudson.model.Descriptor from org.jenkins-ci.main:jenkins-core 2.541.3.
 * Signatures only as far as this plugin uses them (checked by scripts/stubcheck.sh); bodies do the minimum that
 * in-process unit tests need. Compiled into target/stand-in-classes, never shipped (docs/jenkins-build.md).
 */
package hudson.model;

import io.jenkins.plugins.winrmcredssp.standin.StandInJenkins;

/** Persistence and form binding are not part of the stand-in; a created descriptor is registered for lookups. */
public abstract class Descriptor<T extends Describable<T>> {
    public final transient Class<? extends T> clazz;

    protected Descriptor(Class<? extends T> clazz) {
        this.clazz = clazz;
        StandInJenkins.registerDescriptor(this);
    }

    @SuppressWarnings("unchecked")
    protected Descriptor() {
        this.clazz = (Class<T>) getClass().getEnclosingClass();
        if (clazz == null) {
            throw new AssertionError(getClass()
                    + " doesn't have an outer class. Use the constructor that takes the Class object explicitly.");
        }
        StandInJenkins.registerDescriptor(this);
    }

    /** The stand-in records nothing: help pages are served by Stapler, which is not part of it. */
    @SuppressWarnings("rawtypes")
    protected void addHelpFileRedirect(String fieldName, Class<? extends Describable> owner,
            String fieldNameToRedirectTo) {
    }

    public String getDisplayName() {
        return clazz.getSimpleName();
    }

    public String getId() {
        return clazz.getName();
    }
}
