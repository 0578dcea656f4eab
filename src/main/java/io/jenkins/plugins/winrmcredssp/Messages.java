package io.jenkins.plugins.winrmcredssp;

import org.jvnet.localizer.Localizable;
import org.jvnet.localizer.ResourceBundleHolder;

/**
 * The texts of {@code Messages.properties}, in the shape localizer-maven-plugin generates (a method per key, and a
 * {@link Localizable} variant prefixed with {@code _}). Written by hand because that Maven plugin's dependencies are not
 * on Maven Central; {@code MessagesTest} keeps it in step with the properties file.
 */
public final class Messages {
    private static final ResourceBundleHolder HOLDER = ResourceBundleHolder.get(Messages.class);

    private Messages() {
    }

    /** No credentials are selected: choose a "Username with password" credential for the Windows account. */
    public static String WinRmCredentials_NoId() {
        return HOLDER.format("WinRmCredentials.NoId");
    }

    public static Localizable _WinRmCredentials_NoId() {
        return new Localizable(HOLDER, "WinRmCredentials.NoId");
    }

    /** Credentials '&#123;0&#125;' were not found, or this build may not use them. Check the ID and the credentials' scope and folder. */
    public static String WinRmCredentials_NotFound(Object arg0) {
        return HOLDER.format("WinRmCredentials.NotFound", arg0);
    }

    public static Localizable _WinRmCredentials_NotFound(Object arg0) {
        return new Localizable(HOLDER, "WinRmCredentials.NotFound", arg0);
    }

    /** Credentials '&#123;0&#125;' are of type &#123;1&#125;; WinRM CredSSP needs a "Username with password" credential. */
    public static String WinRmCredentials_WrongType(Object arg0, Object arg1) {
        return HOLDER.format("WinRmCredentials.WrongType", arg0, arg1);
    }

    public static Localizable _WinRmCredentials_WrongType(Object arg0, Object arg1) {
        return new Localizable(HOLDER, "WinRmCredentials.WrongType", arg0, arg1);
    }

    /** Set either command (cmd.exe) or powershell, not both. */
    public static String WinRmCommandSettings_BothScripts() {
        return HOLDER.format("WinRmCommandSettings.BothScripts");
    }

    public static Localizable _WinRmCommandSettings_BothScripts() {
        return new Localizable(HOLDER, "WinRmCommandSettings.BothScripts");
    }

    /** Nothing to run: set command (a cmd.exe command line) or powershell (a PowerShell script). */
    public static String WinRmCommandSettings_NoScript() {
        return HOLDER.format("WinRmCommandSettings.NoScript");
    }

    public static Localizable _WinRmCommandSettings_NoScript() {
        return new Localizable(HOLDER, "WinRmCommandSettings.NoScript");
    }

    /** Environment lines must look like NAME=value, not '&#123;0&#125;'. */
    public static String WinRmCommandSettings_BadEnvironmentLine(Object arg0) {
        return HOLDER.format("WinRmCommandSettings.BadEnvironmentLine", arg0);
    }

    public static Localizable _WinRmCommandSettings_BadEnvironmentLine(Object arg0) {
        return new Localizable(HOLDER, "WinRmCommandSettings.BadEnvironmentLine", arg0);
    }

    /** Invalid WinRM CredSSP settings: &#123;0&#125; */
    public static String WinRmExecution_InvalidOptions(Object arg0) {
        return HOLDER.format("WinRmExecution.InvalidOptions", arg0);
    }

    public static Localizable _WinRmExecution_InvalidOptions(Object arg0) {
        return new Localizable(HOLDER, "WinRmExecution.InvalidOptions", arg0);
    }

    /** Cannot run on the agent: it is offline. */
    public static String WinRmExecution_NoChannel() {
        return HOLDER.format("WinRmExecution.NoChannel");
    }

    public static Localizable _WinRmExecution_NoChannel() {
        return new Localizable(HOLDER, "WinRmExecution.NoChannel");
    }

    /** Remote command on &#123;0&#125; failed with exit code &#123;1&#125; */
    public static String WinRmExecution_ExitCode(Object arg0, Object arg1) {
        return HOLDER.format("WinRmExecution.ExitCode", arg0, arg1);
    }

    public static Localizable _WinRmExecution_ExitCode(Object arg0, Object arg1) {
        return new Localizable(HOLDER, "WinRmExecution.ExitCode", arg0, arg1);
    }

    /** Run a command on a Windows host over WinRM with CredSSP */
    public static String WinRmStep_DisplayName() {
        return HOLDER.format("WinRmStep.DisplayName");
    }

    public static Localizable _WinRmStep_DisplayName() {
        return new Localizable(HOLDER, "WinRmStep.DisplayName");
    }

    /** Run a command on a Windows host over WinRM with CredSSP */
    public static String WinRmBuilder_DisplayName() {
        return HOLDER.format("WinRmBuilder.DisplayName");
    }

    public static Localizable _WinRmBuilder_DisplayName() {
        return new Localizable(HOLDER, "WinRmBuilder.DisplayName");
    }

    /** HTTPS (port 5986, server authenticated by its certificate) */
    public static String WinRmForm_TransportHttps() {
        return HOLDER.format("WinRmForm.TransportHttps");
    }

    public static Localizable _WinRmForm_TransportHttps() {
        return new Localizable(HOLDER, "WinRmForm.TransportHttps");
    }

    /** HTTP (port 5985, WinRM message encryption only) */
    public static String WinRmForm_TransportHttp() {
        return HOLDER.format("WinRmForm.TransportHttp");
    }

    public static Localizable _WinRmForm_TransportHttp() {
        return new Localizable(HOLDER, "WinRmForm.TransportHttp");
    }

    /** Negotiate (Kerberos if possible, else NTLM) */
    public static String WinRmForm_AuthAuto() {
        return HOLDER.format("WinRmForm.AuthAuto");
    }

    public static Localizable _WinRmForm_AuthAuto() {
        return new Localizable(HOLDER, "WinRmForm.AuthAuto");
    }

    /** NTLM */
    public static String WinRmForm_AuthNtlm() {
        return HOLDER.format("WinRmForm.AuthNtlm");
    }

    public static Localizable _WinRmForm_AuthNtlm() {
        return new Localizable(HOLDER, "WinRmForm.AuthNtlm");
    }

    /** Kerberos */
    public static String WinRmForm_AuthKerberos() {
        return HOLDER.format("WinRmForm.AuthKerberos");
    }

    public static Localizable _WinRmForm_AuthKerberos() {
        return new Localizable(HOLDER, "WinRmForm.AuthKerberos");
    }

    /** The Windows host name or IP address is required. */
    public static String WinRmForm_HostRequired() {
        return HOLDER.format("WinRmForm.HostRequired");
    }

    public static Localizable _WinRmForm_HostRequired() {
        return new Localizable(HOLDER, "WinRmForm.HostRequired");
    }

    /** Without certificate verification anyone able to intercept the connection could read or change the commands and their output. Prefer a certificate thumbprint or CA certificate. */
    public static String WinRmForm_SkipVerificationWarning() {
        return HOLDER.format("WinRmForm.SkipVerificationWarning");
    }

    public static Localizable _WinRmForm_SkipVerificationWarning() {
        return new Localizable(HOLDER, "WinRmForm.SkipVerificationWarning");
    }

    /** You may not select both returnStdout and returnStatus. */
    public static String WinRmStep_BothReturns() {
        return HOLDER.format("WinRmStep.BothReturns");
    }

    public static Localizable _WinRmStep_BothReturns() {
        return new Localizable(HOLDER, "WinRmStep.BothReturns");
    }

    /** Test the connection from a job's configuration page: credentials are looked up in the job's context. */
    public static String WinRmForm_TestNeedsJob() {
        return HOLDER.format("WinRmForm.TestNeedsJob");
    }

    public static Localizable _WinRmForm_TestNeedsJob() {
        return new Localizable(HOLDER, "WinRmForm.TestNeedsJob");
    }

    /** Connected to &#123;0&#125; as &#123;1&#125; and opened shell &#123;2&#125;. Negotiated &#123;3&#125; */
    public static String WinRmForm_TestSucceeded(Object arg0, Object arg1, Object arg2, Object arg3) {
        return HOLDER.format("WinRmForm.TestSucceeded", arg0, arg1, arg2, arg3);
    }

    public static Localizable _WinRmForm_TestSucceeded(Object arg0, Object arg1, Object arg2, Object arg3) {
        return new Localizable(HOLDER, "WinRmForm.TestSucceeded", arg0, arg1, arg2, arg3);
    }

    /** Could not open a session and a shell at &#123;0&#125;: &#123;1&#125; */
    public static String WinRmForm_TestFailed(Object arg0, Object arg1) {
        return HOLDER.format("WinRmForm.TestFailed", arg0, arg1);
    }

    public static Localizable _WinRmForm_TestFailed(Object arg0, Object arg1) {
        return new Localizable(HOLDER, "WinRmForm.TestFailed", arg0, arg1);
    }

    /** This is a SHA-1 thumbprint (as Windows shows it); pin the certificate by its SHA-256 hash (64 hex digits): on the host, (Get-Item Cert:\\LocalMachine\\My\\&lt;thumbprint&gt;).GetCertHashString('SHA256') */
    public static String WinRmForm_Sha1Thumbprint() {
        return HOLDER.format("WinRmForm.Sha1Thumbprint");
    }

    public static Localizable _WinRmForm_Sha1Thumbprint() {
        return new Localizable(HOLDER, "WinRmForm.Sha1Thumbprint");
    }

    /** Nothing to copy: set includes (Ant patterns relative to the source directory, such as bin/**&#47;*.dll, config/*.xml). */
    public static String WinRmCopySettings_NoIncludes() {
        return HOLDER.format("WinRmCopySettings.NoIncludes");
    }

    public static Localizable _WinRmCopySettings_NoIncludes() {
        return new Localizable(HOLDER, "WinRmCopySettings.NoIncludes");
    }

    /** Set the destination: a directory on the Windows host (C:\\deploy\\app) or a UNC path (\\\\files01\\releases\\app). */
    public static String WinRmCopySettings_NoDestination() {
        return HOLDER.format("WinRmCopySettings.NoDestination");
    }

    public static Localizable _WinRmCopySettings_NoDestination() {
        return new Localizable(HOLDER, "WinRmCopySettings.NoDestination");
    }

    /** overwrite must be one of ifChanged, always, never, not '&#123;0&#125;'. */
    public static String WinRmCopySettings_BadOverwrite(Object arg0) {
        return HOLDER.format("WinRmCopySettings.BadOverwrite", arg0);
    }

    public static Localizable _WinRmCopySettings_BadOverwrite(Object arg0) {
        return new Localizable(HOLDER, "WinRmCopySettings.BadOverwrite", arg0);
    }

    /** The source directory &#123;0&#125; does not exist on the agent. */
    public static String WinRmCopy_NoSourceDirectory(Object arg0) {
        return HOLDER.format("WinRmCopy.NoSourceDirectory", arg0);
    }

    public static Localizable _WinRmCopy_NoSourceDirectory(Object arg0) {
        return new Localizable(HOLDER, "WinRmCopy.NoSourceDirectory", arg0);
    }

    /** Invalid includes or excludes: &#123;0&#125; */
    public static String WinRmCopy_BadPattern(Object arg0) {
        return HOLDER.format("WinRmCopy.BadPattern", arg0);
    }

    public static Localizable _WinRmCopy_BadPattern(Object arg0) {
        return new Localizable(HOLDER, "WinRmCopy.BadPattern", arg0);
    }

    /** No files in &#123;0&#125; match includes '&#123;1&#125;' (excludes '&#123;2&#125;'); nothing was copied. Set allowEmpty to let the step succeed without files. */
    public static String WinRmCopy_NoMatch(Object arg0, Object arg1, Object arg2) {
        return HOLDER.format("WinRmCopy.NoMatch", arg0, arg1, arg2);
    }

    public static Localizable _WinRmCopy_NoMatch(Object arg0, Object arg1, Object arg2) {
        return new Localizable(HOLDER, "WinRmCopy.NoMatch", arg0, arg1, arg2);
    }

    /** Copy files to a Windows host over WinRM with CredSSP */
    public static String WinRmCopyStep_DisplayName() {
        return HOLDER.format("WinRmCopyStep.DisplayName");
    }

    public static Localizable _WinRmCopyStep_DisplayName() {
        return new Localizable(HOLDER, "WinRmCopyStep.DisplayName");
    }

    /** Copy files to a Windows host over WinRM with CredSSP */
    public static String WinRmCopyBuilder_DisplayName() {
        return HOLDER.format("WinRmCopyBuilder.DisplayName");
    }

    public static Localizable _WinRmCopyBuilder_DisplayName() {
        return new Localizable(HOLDER, "WinRmCopyBuilder.DisplayName");
    }

    /** Changed files only (same SHA-256: skipped) */
    public static String WinRmForm_OverwriteIfChanged() {
        return HOLDER.format("WinRmForm.OverwriteIfChanged");
    }

    public static Localizable _WinRmForm_OverwriteIfChanged() {
        return new Localizable(HOLDER, "WinRmForm.OverwriteIfChanged");
    }

    /** Always replace existing files */
    public static String WinRmForm_OverwriteAlways() {
        return HOLDER.format("WinRmForm.OverwriteAlways");
    }

    public static Localizable _WinRmForm_OverwriteAlways() {
        return new Localizable(HOLDER, "WinRmForm.OverwriteAlways");
    }

    /** Never replace existing files */
    public static String WinRmForm_OverwriteNever() {
        return HOLDER.format("WinRmForm.OverwriteNever");
    }

    public static Localizable _WinRmForm_OverwriteNever() {
        return new Localizable(HOLDER, "WinRmForm.OverwriteNever");
    }

    /** The destination directory is required, e.g. C:\\deploy\\app or \\\\files01\\releases\\app. */
    public static String WinRmForm_DestinationRequired() {
        return HOLDER.format("WinRmForm.DestinationRequired");
    }

    public static Localizable _WinRmForm_DestinationRequired() {
        return new Localizable(HOLDER, "WinRmForm.DestinationRequired");
    }

    /** This is neither a Windows path with a drive (C:\\deploy\\app) nor a UNC path (\\\\files01\\releases\\app). */
    public static String WinRmForm_DestinationNotWindows() {
        return HOLDER.format("WinRmForm.DestinationNotWindows");
    }

    public static Localizable _WinRmForm_DestinationNotWindows() {
        return new Localizable(HOLDER, "WinRmForm.DestinationNotWindows");
    }

    /** Ant patterns of the files to copy are required, e.g. bin/**&#47;*.dll, config/*.xml. */
    public static String WinRmForm_IncludesRequired() {
        return HOLDER.format("WinRmForm.IncludesRequired");
    }

    public static Localizable _WinRmForm_IncludesRequired() {
        return new Localizable(HOLDER, "WinRmForm.IncludesRequired");
    }

    /** No files in &#123;0&#125; match includes '&#123;1&#125;' (excludes '&#123;2&#125;'); nothing to copy. */
    public static String WinRmCopy_NothingToCopy(Object arg0, Object arg1, Object arg2) {
        return HOLDER.format("WinRmCopy.NothingToCopy", arg0, arg1, arg2);
    }

    public static Localizable _WinRmCopy_NothingToCopy(Object arg0, Object arg1, Object arg2) {
        return new Localizable(HOLDER, "WinRmCopy.NothingToCopy", arg0, arg1, arg2);
    }

    /** Copying to &#123;0&#125; on &#123;1&#125; failed: &#123;2&#125; */
    public static String WinRmCopy_Failed(Object arg0, Object arg1, Object arg2) {
        return HOLDER.format("WinRmCopy.Failed", arg0, arg1, arg2);
    }

    public static Localizable _WinRmCopy_Failed(Object arg0, Object arg1, Object arg2) {
        return new Localizable(HOLDER, "WinRmCopy.Failed", arg0, arg1, arg2);
    }

    /** sourceDirectory must be a directory inside the workspace (relative, without ..), not '&#123;0&#125;'. */
    public static String WinRmCopySettings_SourceOutsideWorkspace(Object arg0) {
        return HOLDER.format("WinRmCopySettings.SourceOutsideWorkspace", arg0);
    }

    public static Localizable _WinRmCopySettings_SourceOutsideWorkspace(Object arg0) {
        return new Localizable(HOLDER, "WinRmCopySettings.SourceOutsideWorkspace", arg0);
    }
}
