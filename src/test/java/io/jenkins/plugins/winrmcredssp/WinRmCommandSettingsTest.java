package io.jenkins.plugins.winrmcredssp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.winrmcredssp.runner.RemoteScript;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WinRmCommandSettingsTest {
    @Test
    void defaultsAreHttpsAutoAndCredSsp6() {
        WinRmCommandSettings settings = new WinRmCommandSettings(" win01 ", " id ");
        WinRmConnectionOptions options = settings.toOptions();
        assertThat(settings.getHost()).isEqualTo("win01");
        assertThat(settings.getCredentialsId()).isEqualTo("id");
        assertThat(options.endpoint()).isEqualTo("https://win01:5986/wsman");
        assertThat(options.authMechanism()).isEqualTo(WinRmConnectionOptions.AuthMechanism.AUTO);
        assertThat(options.minCredSspVersion()).isEqualTo(6);
        assertThat(options.timeout()).isEmpty();
    }

    @Test
    void translatesEveryOption() {
        WinRmCommandSettings settings = new WinRmCommandSettings("win01", "id");
        settings.setTransport("HTTP");
        settings.setPort(15985);
        settings.setAuthMechanism("Kerberos");
        settings.setSpn("HTTP/win01");
        settings.setMinCredSSPVersion(5);
        settings.setTimeout(90);
        settings.setWorkingDirectory("C:\\work");
        settings.setEnvironment("# comment\nA=1\n\n B = two=2 \r\n");
        WinRmConnectionOptions options = settings.toOptions();

        assertThat(options.endpoint()).isEqualTo("http://win01:15985/wsman");
        assertThat(options.authMechanism()).isEqualTo(WinRmConnectionOptions.AuthMechanism.KERBEROS);
        assertThat(options.spn()).contains("HTTP/win01");
        assertThat(options.minCredSspVersion()).isEqualTo(5);
        assertThat(options.timeout()).contains(Duration.ofSeconds(90));
        assertThat(options.workingDirectory()).contains("C:\\work");
        assertThat(options.environment()).isEqualTo(Map.of("A", "1", "B", " two=2"));
    }

    @Test
    void rejectsWhatCannotWork() {
        WinRmCommandSettings settings = new WinRmCommandSettings("win01", "id");
        settings.setTransport("ftp");
        assertThatThrownBy(settings::toOptions).hasMessage("transport must be one of https, http, not 'ftp'");

        settings.setTransport("http");
        settings.setCertificateThumbprint("ab".repeat(32));
        assertThatThrownBy(settings::toOptions).hasMessageContaining("HTTPS transport only");

        WinRmCommandSettings env = new WinRmCommandSettings("win01", "id");
        env.setEnvironment("JUSTANAME");
        assertThatThrownBy(env::toOptions).hasMessage(Messages.WinRmCommandSettings_BadEnvironmentLine("JUSTANAME"));
    }

    @Test
    void exactlyOneScript() {
        WinRmCommandSettings settings = new WinRmCommandSettings("win01", "id");
        settings.setCommand("  ");
        assertThatThrownBy(settings::script).hasMessage(Messages.WinRmCommandSettings_NoScript());
        settings.setPowershell("Get-Date");
        assertThat(settings.script().kind()).isEqualTo(RemoteScript.Kind.POWERSHELL);
        assertThat(settings.script().toString()).doesNotContain("Get-Date");
        settings.setCommand("dir");
        assertThatThrownBy(settings::script).hasMessage(Messages.WinRmCommandSettings_BothScripts());
    }
}
