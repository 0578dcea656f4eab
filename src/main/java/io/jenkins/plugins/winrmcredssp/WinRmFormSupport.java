package io.jenkins.plugins.winrmcredssp;

import com.cloudbees.plugins.credentials.CredentialsProvider;
import com.cloudbees.plugins.credentials.common.IdCredentials;
import com.cloudbees.plugins.credentials.common.StandardUsernamePasswordCredentials;
import hudson.model.Item;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import io.jenkins.plugins.winrmcredssp.protocol.wsman.ShellOptions;
import io.jenkins.plugins.winrmcredssp.protocol.wsman.WinRmShell;
import io.jenkins.plugins.winrmcredssp.runner.WinRmSession;
import io.jenkins.plugins.winrmcredssp.runner.WinRmSessionOpener;
import java.io.IOException;
import java.util.Arrays;
import java.util.Locale;
import jenkins.model.Jenkins;

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

    static ListBoxModel overwriteItems() {
        ListBoxModel items = new ListBoxModel();
        for (String value : WinRmCopySettings.OVERWRITE_VALUES) {
            items.add(switch (value) {
                case "ifChanged" -> Messages.WinRmForm_OverwriteIfChanged();
                case "always" -> Messages.WinRmForm_OverwriteAlways();
                default -> Messages.WinRmForm_OverwriteNever();
            }, value);
        }
        return items;
    }

    static FormValidation checkIncludes(String includes) {
        return includes == null || includes.isBlank()
                ? FormValidation.error(Messages.WinRmForm_IncludesRequired()) : FormValidation.ok();
    }

    static FormValidation checkSourceDirectory(String directory) {
        if (directory == null || directory.isBlank() || directory.contains("$")) {
            return FormValidation.ok();
        }
        try {
            WinRmCopySettings.requireInsideWorkspace(directory.strip());
            return FormValidation.ok();
        } catch (IllegalArgumentException e) {
            return FormValidation.error(e.getMessage());
        }
    }

    /** A drive path or a UNC path; anything else only warns (a variable, or a test service that is not Windows). */
    static FormValidation checkDestination(String destination) {
        if (destination == null || destination.isBlank()) {
            return FormValidation.error(Messages.WinRmForm_DestinationRequired());
        }
        String d = destination.strip();
        boolean windows = d.matches("[A-Za-z]:[\\\\/].*") || d.matches("\\\\\\\\[^\\\\]+\\\\[^\\\\]+.*");
        return windows || d.contains("$")
                ? FormValidation.ok() : FormValidation.warning(Messages.WinRmForm_DestinationNotWindows());
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
            String normalized = WinRmConnectionOptions.builder("host").certificateThumbprint(thumbprint).build()
                    .certificateThumbprint().orElseThrow();
            return normalized.length() == 64 ? FormValidation.ok() : FormValidation.error(Messages.WinRmForm_Sha1Thumbprint());
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

    /**
     * Opens a session and a shell with the form's settings, from the controller, and reports what was negotiated.
     * Connects somewhere with stored credentials, so only for those who may configure the job (the caller has checked
     * POST; this checks the permission).
     */
    static FormValidation testConnection(Item item, WinRmConnectionSettings settings, WinRmSessionOpener opener) {
        if (item == null) {
            Jenkins.get().checkPermission(Jenkins.ADMINISTER);
            return FormValidation.error(Messages.WinRmForm_TestNeedsJob());
        }
        item.checkPermission(Item.CONFIGURE);
        WinRmConnectionOptions options;
        try {
            options = settings.toOptions();
        } catch (IllegalArgumentException e) {
            return FormValidation.error(Messages.WinRmExecution_InvalidOptions(e.getMessage()));
        }
        String id = settings.getCredentialsId();
        if (id == null) {
            return FormValidation.error(Messages.WinRmCredentials_NoId());
        }
        IdCredentials found = CredentialsProvider.findCredentialByIdInItem(id, IdCredentials.class, item,
                CredentialsIdItems.authenticationOf(item), WinRmCredentials.domainOf(settings.getHost()));
        if (found == null) {
            return FormValidation.error(Messages.WinRmCredentials_NotFound(id));
        }
        if (!(found instanceof StandardUsernamePasswordCredentials credentials)) {
            return FormValidation.error(Messages.WinRmCredentials_WrongType(id, found.getClass().getSimpleName()));
        }
        char[] password = credentials.getPassword().getPlainText().toCharArray();
        try (WinRmSession session = opener.open(options, credentials.getUsername(), password);
                WinRmShell shell = session.openShell(ShellOptions.defaults())) {
            return FormValidation.ok(Messages.WinRmForm_TestSucceeded(options.endpoint(), credentials.getUsername(),
                    shell.shellId(), session.negotiated()));
        } catch (IOException | RuntimeException e) {
            return FormValidation.error(Messages.WinRmForm_TestFailed(options.endpoint(), String.valueOf(e.getMessage())));
        } finally {
            Arrays.fill(password, '\0');
        }
    }

    /** The settings of a Test Connection request. */
    static WinRmConnectionSettings connectionSettings(String host, String credentialsId, int port, String transport,
            String certificateThumbprint, String caCertificate, boolean skipCertificateVerification,
            String authMechanism, String spn, int minCredSSPVersion) {
        WinRmConnectionSettings settings = new WinRmConnectionSettings(host, credentialsId);
        settings.setPort(port);
        settings.setTransport(transport);
        settings.setCertificateThumbprint(certificateThumbprint);
        settings.setCaCertificate(caCertificate);
        settings.setSkipCertificateVerification(skipCertificateVerification);
        settings.setAuthMechanism(authMechanism);
        settings.setSpn(spn);
        settings.setMinCredSSPVersion(minCredSSPVersion);
        return settings;
    }

    static ListBoxModel credentialsIdItems(Item item, String credentialsId, String host) {
        return CredentialsIdItems.fill(item, credentialsId, host);
    }
}
