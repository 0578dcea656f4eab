/*
 * Jenkins API stand-in: mirrors com.cloudbees.plugins.credentials.CredentialsProvider from org.jenkins-ci.plugins:credentials 1511.v2e3cb_0008ef0 (sources read at 1502.v5c95e620ddfe, same API).
 * Signatures only as far as this plugin uses them (checked by scripts/stubcheck.sh); bodies do the minimum that
 * in-process unit tests need. Compiled into target/stand-in-classes, never shipped (docs/jenkins-build.md).
 */
package com.cloudbees.plugins.credentials;

import com.cloudbees.plugins.credentials.common.IdCredentials;
import com.cloudbees.plugins.credentials.common.StandardCredentials;
import com.cloudbees.plugins.credentials.domains.DomainRequirement;
import hudson.ExtensionPoint;
import hudson.model.Item;
import hudson.model.Run;
import hudson.security.Permission;
import hudson.security.PermissionGroup;
import hudson.util.ListBoxModel;
import io.jenkins.plugins.winrmcredssp.standin.StandInJenkins;
import java.util.List;
import org.springframework.security.core.Authentication;

/**
 * Real: a Descriptor of pluggable credential stores. The stand-in has one store, filled by
 * {@link StandInJenkins#addCredentials}, visible from every context, and records {@link #track} calls.
 */
public abstract class CredentialsProvider implements ExtensionPoint {
    public static final PermissionGroup GROUP = new PermissionGroup(CredentialsProvider.class, null);
    public static final Permission VIEW = new Permission(GROUP, "View", Permission.CONFIGURE);
    public static final Permission USE_OWN = new Permission(GROUP, "UseOwn", Permission.CONFIGURE);
    public static final Permission USE_ITEM = new Permission(GROUP, "UseItem", USE_OWN);

    public CredentialsProvider() {
    }

    public static <C extends IdCredentials> C findCredentialById(String id, Class<C> type, Run<?, ?> run,
            DomainRequirement... domainRequirements) {
        return findCredentialById(id, type, run, List.of(domainRequirements));
    }

    public static <C extends IdCredentials> C findCredentialById(String id, Class<C> type, Run<?, ?> run,
            List<DomainRequirement> domainRequirements) {
        for (Credentials c : StandInJenkins.credentials()) {
            if (type.isInstance(c) && id.equals(type.cast(c).getId())) {
                return type.cast(c);
            }
        }
        return null;
    }

    public static <C extends IdCredentials> C findCredentialByIdInItem(String id, Class<C> type, Item item,
            Authentication authentication, List<DomainRequirement> domainRequirements) {
        return findCredentialById(id, type, null, domainRequirements);
    }

    public static <C extends Credentials> C track(Run build, C credentials) {
        if (credentials != null) {
            StandInJenkins.recordTracked(build, credentials);
        }
        return credentials;
    }

    public static <C extends IdCredentials> ListBoxModel listCredentialsInItem(Class<C> type, Item item,
            Authentication authentication, List<DomainRequirement> domainRequirements, CredentialsMatcher matcher) {
        ListBoxModel result = new ListBoxModel();
        for (Credentials c : StandInJenkins.credentials()) {
            if (type.isInstance(c) && matcher.matches(c)) {
                IdCredentials id = type.cast(c);
                String description = c instanceof StandardCredentials s ? s.getDescription() : null;
                result.add(description == null || description.isEmpty() ? id.getId() : description, id.getId());
            }
        }
        return result;
    }
}
