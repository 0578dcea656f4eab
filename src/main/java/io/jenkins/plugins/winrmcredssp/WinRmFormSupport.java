package io.jenkins.plugins.winrmcredssp;

import hudson.model.Item;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import java.util.Locale;

/**
 * Form helpers both descriptors delegate to (choices and field checks that contact nothing), so the step and the
 * builder show the same form.
 */
final class WinRmFormSupport {
    private WinRmFormSupport() {
    }

    static ListBoxModel transportItems() {
        ListBoxModel items = new ListBoxModel();
        items.add(Messages.WinRmForm_TransportHttps(), "https");
        items.add(Messages.WinRmForm_TransportHttp(), "http");
        return items;
    }

    static ListBoxModel authMechanismItems() {
        ListBoxModel items = new ListBoxModel();
        for (WinRmConnectionOptions.AuthMechanism m : WinRmConnectionOptions.AuthMechanism.values()) {
            String value = m.name().toLowerCase(Locale.ROOT);
            items.add(switch (m) {
                case AUTO -> Messages.WinRmForm_AuthAuto();
                case NTLM -> Messages.WinRmForm_AuthNtlm();
                case KERBEROS -> Messages.WinRmForm_AuthKerberos();
            }, value);
        }
        return items;
    }

    static FormValidation checkHost(String host) {
        if (host == null || host.isBlank()) {
            return FormValidation.error(Messages.WinRmForm_HostRequired());
        }
        if (host.contains("$")) {
            return FormValidation.ok();
        }
        try {
            WinRmConnectionOptions.builder(host).build();
            return FormValidation.ok();
        } catch (IllegalArgumentException e) {
            return FormValidation.error(e.getMessage());
        }
    }

    static FormValidation checkCertificateThumbprint(String thumbprint) {
        if (thumbprint == null || thumbprint.isBlank()) {
            return FormValidation.ok();
        }
        try {
            WinRmConnectionOptions.builder("host").certificateThumbprint(thumbprint).build();
            return FormValidation.ok();
        } catch (IllegalArgumentException e) {
            return FormValidation.error(e.getMessage());
        }
    }

    static FormValidation checkSkipCertificateVerification(boolean skip) {
        return skip ? FormValidation.warning(Messages.WinRmForm_SkipVerificationWarning()) : FormValidation.ok();
    }

    static FormValidation checkEnvironment(String environment) {
        try {
            WinRmCommandSettings.parseEnvironment(environment);
            return FormValidation.ok();
        } catch (IllegalArgumentException e) {
            return FormValidation.error(e.getMessage());
        }
    }

    static ListBoxModel credentialsIdItems(Item item, String credentialsId, String host) {
        return CredentialsIdItems.fill(item, credentialsId, host);
    }
}
