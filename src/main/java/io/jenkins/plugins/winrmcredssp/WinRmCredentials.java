package io.jenkins.plugins.winrmcredssp;

import com.cloudbees.plugins.credentials.CredentialsProvider;
import com.cloudbees.plugins.credentials.common.IdCredentials;
import com.cloudbees.plugins.credentials.common.StandardUsernamePasswordCredentials;
import com.cloudbees.plugins.credentials.domains.DomainRequirement;
import com.cloudbees.plugins.credentials.domains.URIRequirementBuilder;
import hudson.AbortException;
import hudson.model.Run;
import java.util.List;

/**
 * Resolves the credentials a build step names by ID, at run time, as the build: looked up in the build's context
 * (folder and global stores, domains matching the target host), type-checked, and tracked so that the credential's
 * usage page lists the build. The step's configuration only ever holds the ID.
 */
public final class WinRmCredentials {
    private WinRmCredentials() {
    }

    /**
     * @param run           the build using the credentials
     * @param credentialsId the ID from the step's configuration
     * @param host          the target host, for credentials restricted to a domain (may be null or blank)
     * @return the username/password credentials; the password stays in its {@code Secret}
     * @throws AbortException naming the ID when nothing is selected, the ID is unknown to this build, or the
     *                        credential is not a username with password
     */
    public static StandardUsernamePasswordCredentials resolve(Run<?, ?> run, String credentialsId, String host)
            throws AbortException {
        if (credentialsId == null || credentialsId.isBlank()) {
            throw new AbortException(Messages.WinRmCredentials_NoId());
        }
        IdCredentials found = CredentialsProvider.findCredentialById(
                credentialsId, IdCredentials.class, run, domainOf(host));
        if (found == null) {
            throw new AbortException(Messages.WinRmCredentials_NotFound(credentialsId));
        }
        if (!(found instanceof StandardUsernamePasswordCredentials usernamePassword)) {
            throw new AbortException(Messages.WinRmCredentials_WrongType(credentialsId, found.getClass().getSimpleName()));
        }
        return CredentialsProvider.track(run, usernamePassword);
    }

    /** Domain requirements for credentials used against {@code host}; none when the host is not known yet. */
    static List<DomainRequirement> domainOf(String host) {
        if (host == null || host.isBlank() || host.contains("$")) {
            return List.of();
        }
        return URIRequirementBuilder.create().withHostname(host.trim()).build();
    }
}
