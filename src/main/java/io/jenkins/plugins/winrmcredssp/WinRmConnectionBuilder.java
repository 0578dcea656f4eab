package io.jenkins.plugins.winrmcredssp;

import hudson.tasks.Builder;
import io.jenkins.plugins.winrmcredssp.runner.WinRmSessionOpener;
import jenkins.tasks.SimpleBuildStep;
import org.kohsuke.stapler.DataBoundSetter;

/**
 * A freestyle build step of this plugin: the connection options every builder binds (Stapler and Pipeline find the
 * inherited setters), held in the subclass's settings.
 */
public abstract class WinRmConnectionBuilder extends Builder implements SimpleBuildStep {
    private transient WinRmSessionOpener opener;

    /** The subclass's settings, which hold the connection options. */
    abstract WinRmConnectionSettings connection();

    /** Tests use another opener than the CredSSP transport. */
    void useOpener(WinRmSessionOpener value) {
        this.opener = value;
    }

    WinRmSessionOpener opener() {
        return opener != null ? opener : WinRmExecution.defaultOpener();
    }

    public String getHost() {
        return connection().getHost();
    }

    public String getCredentialsId() {
        return connection().getCredentialsId();
    }

    public int getPort() {
        return connection().getPort();
    }

    @DataBoundSetter
    public void setPort(int port) {
        connection().setPort(port);
    }

    public String getTransport() {
        return connection().getTransport();
    }

    @DataBoundSetter
    public void setTransport(String transport) {
        connection().setTransport(transport);
    }

    public String getCertificateThumbprint() {
        return connection().getCertificateThumbprint();
    }

    @DataBoundSetter
    public void setCertificateThumbprint(String certificateThumbprint) {
        connection().setCertificateThumbprint(certificateThumbprint);
    }

    public String getCaCertificate() {
        return connection().getCaCertificate();
    }

    @DataBoundSetter
    public void setCaCertificate(String caCertificate) {
        connection().setCaCertificate(caCertificate);
    }

    public boolean isSkipCertificateVerification() {
        return connection().isSkipCertificateVerification();
    }

    @DataBoundSetter
    public void setSkipCertificateVerification(boolean skipCertificateVerification) {
        connection().setSkipCertificateVerification(skipCertificateVerification);
    }

    public String getAuthMechanism() {
        return connection().getAuthMechanism();
    }

    @DataBoundSetter
    public void setAuthMechanism(String authMechanism) {
        connection().setAuthMechanism(authMechanism);
    }

    public String getSpn() {
        return connection().getSpn();
    }

    @DataBoundSetter
    public void setSpn(String spn) {
        connection().setSpn(spn);
    }

    public int getMinCredSSPVersion() {
        return connection().getMinCredSSPVersion();
    }

    @DataBoundSetter
    public void setMinCredSSPVersion(int minCredSSPVersion) {
        connection().setMinCredSSPVersion(minCredSSPVersion);
    }
}
