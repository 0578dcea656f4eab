package io.jenkins.plugins.winrmcredssp.standin;

import com.cloudbees.plugins.credentials.Credentials;
import hudson.model.Describable;
import hudson.model.Descriptor;
import hudson.model.Run;
import hudson.security.ACL;
import hudson.security.Permission;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import jenkins.model.Jenkins;
import org.springframework.security.core.Authentication;

/**
 * What a unit test controls in the Jenkins API stand-in, in place of a running Jenkins: whether {@code Jenkins.get()}
 * works, the current user and the permissions granted on each object, the credentials store, tracked credentials and
 * registered descriptors. Stand-in only: compiled into {@code target/stand-in-classes} and never shipped; plugin code
 * must not use it (an architecture test checks this). Tests call {@link #reset()} when done.
 */
public final class StandInJenkins {
    private static volatile boolean running;
    private static volatile Authentication current = Jenkins.ANONYMOUS2;
    private static final Map<Object, Set<Permission>> GRANTS = new IdentityHashMap<>();
    private static final List<Credentials> CREDENTIALS = new CopyOnWriteArrayList<>();
    private static final Map<Run<?, ?>, List<Credentials>> TRACKED = new IdentityHashMap<>();
    private static final Map<Class<?>, Descriptor<?>> DESCRIPTORS = new ConcurrentHashMap<>();

    private StandInJenkins() {
    }

    /** From now on {@code Jenkins.get()} returns the stand-in singleton. */
    public static void start() {
        running = true;
    }

    /** Back to no Jenkins, the anonymous user, no grants, no credentials, nothing tracked (descriptors stay). */
    public static synchronized void reset() {
        running = false;
        current = Jenkins.ANONYMOUS2;
        GRANTS.clear();
        CREDENTIALS.clear();
        TRACKED.clear();
    }

    public static boolean isRunning() {
        return running;
    }

    /** Acts as the named user (only the name matters to the stand-in). */
    public static void actAs(String userName) {
        current = new StandInAuthentication(userName);
    }

    public static Authentication authentication() {
        return current;
    }

    /** Grants the current user (and any user) these permissions on {@code context} ({@code Jenkins.get()}, an item). */
    public static synchronized void grant(Object context, Permission... permissions) {
        GRANTS.computeIfAbsent(context, c -> new java.util.HashSet<>()).addAll(List.of(permissions));
    }

    /**
     * The ACL of {@code context}: a permission is granted when it, or a permission implying it, was granted on the
     * context or on Jenkins; ADMINISTER granted on Jenkins implies everything.
     */
    public static ACL aclOf(Object context) {
        return ACL.lambda2((authentication, permission) -> isGranted(context, permission));
    }

    private static synchronized boolean isGranted(Object context, Permission permission) {
        Set<Permission> root = GRANTS.getOrDefault(Jenkins.getInstanceOrNull(), Set.of());
        if (root.contains(Jenkins.ADMINISTER)) {
            return true;
        }
        Set<Permission> own = GRANTS.getOrDefault(context, Set.of());
        for (Permission p = permission; p != null; p = p.impliedBy) {
            if (own.contains(p) || root.contains(p)) {
                return true;
            }
        }
        return false;
    }

    public static void addCredentials(Credentials credentials) {
        CREDENTIALS.add(credentials);
    }

    public static List<Credentials> credentials() {
        return List.copyOf(CREDENTIALS);
    }

    public static synchronized void recordTracked(Run<?, ?> run, Credentials credentials) {
        TRACKED.computeIfAbsent(run, r -> new ArrayList<>()).add(credentials);
    }

    /** The credentials {@code CredentialsProvider.track} recorded for {@code run}, in order. */
    public static synchronized List<Credentials> tracked(Run<?, ?> run) {
        return List.copyOf(TRACKED.getOrDefault(run, List.of()));
    }

    public static void registerDescriptor(Descriptor<?> descriptor) {
        DESCRIPTORS.put(descriptor.clazz, descriptor);
    }

    @SuppressWarnings("rawtypes")
    public static Descriptor descriptorOf(Class<? extends Describable> type) {
        return DESCRIPTORS.get(type);
    }
}
