package io.jenkins.plugins.winrmcredssp;

import com.cloudbees.plugins.credentials.CredentialsMatchers;
import com.cloudbees.plugins.credentials.CredentialsProvider;
import com.cloudbees.plugins.credentials.common.StandardListBoxModel;
import com.cloudbees.plugins.credentials.common.StandardUsernamePasswordCredentials;
import hudson.model.Item;
import hudson.model.Queue;
import hudson.model.queue.Tasks;
import hudson.security.ACL;
import hudson.util.ListBoxModel;
import jenkins.model.Jenkins;
import org.springframework.security.core.Authentication;

/**
 * The credentials drop-down of the step's and the builder's forms ({@code doFillCredentialsIdItems}), shared so the
 * permission rules live in one place. Without an item (global configuration) listing needs Jenkins.ADMINISTER; with
 * one, Item.EXTENDED_READ or CredentialsProvider.USE_ITEM. Anyone else sees only the current value, so the form can be
 * saved unchanged without learning which credentials exist.
 */
public final class CredentialsIdItems {
    private CredentialsIdItems() {
    }

    /**
     * @param item          the job being configured ({@code @AncestorInPath}), or null outside a job
     * @param credentialsId the current value ({@code @QueryParameter})
     * @param host          the target host from the same form, narrowing to credentials of matching domains
     * @return an empty choice, the username/password credentials visible to the item, and the current value
     */
    public static ListBoxModel fill(Item item, String credentialsId, String host) {
        StandardListBoxModel result = new StandardListBoxModel();
        String current = credentialsId == null ? "" : credentialsId;
        if (!mayList(item)) {
            return result.includeCurrentValue(current);
        }
        return result
                .includeEmptyValue()
                .includeMatchingAs(authenticationOf(item), item, StandardUsernamePasswordCredentials.class,
                        WinRmCredentials.domainOf(host), CredentialsMatchers.always())
                .includeCurrentValue(current);
    }

    static boolean mayList(Item item) {
        if (item == null) {
            return Jenkins.get().hasPermission(Jenkins.ADMINISTER);
        }
        return item.hasPermission(Item.EXTENDED_READ) || item.hasPermission(CredentialsProvider.USE_ITEM);
    }

    /** As whom the build will look credentials up: the job's configured authentication, else the system. */
    static Authentication authenticationOf(Item item) {
        return item instanceof Queue.Task task ? Tasks.getAuthenticationOf2(task) : ACL.SYSTEM2;
    }
}
