package io.jenkins.plugins.winrmcredssp;

import static org.assertj.core.api.Assertions.assertThat;

import hudson.util.FormValidation;
import org.junit.jupiter.api.Test;

class WinRmFormSupportTest {
    @Test
    void hostMustBeANameOrAddressWithoutSchemeOrPort() {
        assertThat(WinRmFormSupport.checkHost("win01.corp.example.com").kind).isEqualTo(FormValidation.Kind.OK);
        assertThat(WinRmFormSupport.checkHost("${TARGET}").kind).isEqualTo(FormValidation.Kind.OK);
        assertThat(WinRmFormSupport.checkHost("").kind).isEqualTo(FormValidation.Kind.ERROR);
        assertThat(WinRmFormSupport.checkHost("https://win01/wsman").kind).isEqualTo(FormValidation.Kind.ERROR);
        assertThat(WinRmFormSupport.checkHost("win01:5986").kind).isEqualTo(FormValidation.Kind.ERROR);
    }

    @Test
    void thumbprintMustBeSha256() {
        assertThat(WinRmFormSupport.checkCertificateThumbprint("").kind).isEqualTo(FormValidation.Kind.OK);
        assertThat(WinRmFormSupport.checkCertificateThumbprint("AB:".repeat(31) + "AB").kind)
                .isEqualTo(FormValidation.Kind.OK);
        FormValidation sha1 = WinRmFormSupport.checkCertificateThumbprint("ab".repeat(20));
        assertThat(sha1.kind).isEqualTo(FormValidation.Kind.ERROR);
        assertThat(sha1.getMessage()).contains("SHA-256").contains("GetCertHashString('SHA256')");
        assertThat(WinRmFormSupport.checkCertificateThumbprint("xyz").kind).isEqualTo(FormValidation.Kind.ERROR);
    }

    @Test
    void skippingVerificationWarnsAndEnvironmentLinesAreChecked() {
        assertThat(WinRmFormSupport.checkSkipCertificateVerification(true).kind).isEqualTo(FormValidation.Kind.WARNING);
        assertThat(WinRmFormSupport.checkSkipCertificateVerification(false).kind).isEqualTo(FormValidation.Kind.OK);
        assertThat(WinRmFormSupport.checkEnvironment("A=1\nB=2").kind).isEqualTo(FormValidation.Kind.OK);
        assertThat(WinRmFormSupport.checkEnvironment("=1").kind).isEqualTo(FormValidation.Kind.ERROR);
    }
}
