package io.jenkins.plugins.winrmcredssp;

import hudson.model.Item;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import org.jenkinsci.plugins.workflow.steps.StepDescriptor;
import org.kohsuke.stapler.AncestorInPath;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;

/** The form methods of the connection options, shared by the descriptors of this plugin's pipeline steps. */
public abstract class WinRmStepDescriptor extends StepDescriptor {
    /** Help for the connection fields comes from the {@code owner} step's pages (one set of pages for all steps). */
    void redirectConnectionHelp(Class<? extends WinRmConnectionStep> owner) {
        for (String field : WinRmConnectionSettings.CONNECTION_FIELDS) {
            addHelpFileRedirect(field, owner, field);
        }
    }

    public ListBoxModel doFillCredentialsIdItems(@AncestorInPath Item item, @QueryParameter String credentialsId,
            @QueryParameter String host) {
        return WinRmFormSupport.credentialsIdItems(item, credentialsId, host);
    }

    /** The form's Test Connection button: connects from the controller with the selected credentials. */
    @POST
    public FormValidation doTestConnection(@AncestorInPath Item item, @QueryParameter String host,
            @QueryParameter String credentialsId, @QueryParameter int port, @QueryParameter String transport,
            @QueryParameter String certificateThumbprint, @QueryParameter String caCertificate,
            @QueryParameter boolean skipCertificateVerification, @QueryParameter String authMechanism,
            @QueryParameter String spn, @QueryParameter int minCredSSPVersion) {
        return WinRmFormSupport.testConnection(item, WinRmFormSupport.connectionSettings(host, credentialsId, port,
                transport, certificateThumbprint, caCertificate, skipCertificateVerification, authMechanism, spn,
                minCredSSPVersion), WinRmExecution.defaultOpener());
    }

    public ListBoxModel doFillTransportItems() {
        return WinRmFormSupport.transportItems();
    }

    public ListBoxModel doFillAuthMechanismItems() {
        return WinRmFormSupport.authMechanismItems();
    }

    public FormValidation doCheckHost(@QueryParameter String value) {
        return WinRmFormSupport.checkHost(value);
    }

    public FormValidation doCheckCertificateThumbprint(@QueryParameter String value) {
        return WinRmFormSupport.checkCertificateThumbprint(value);
    }

    public FormValidation doCheckSkipCertificateVerification(@QueryParameter boolean value) {
        return WinRmFormSupport.checkSkipCertificateVerification(value);
    }
}
