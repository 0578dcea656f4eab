package io.jenkins.plugins.winrmcredssp.protocol.kerberos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.winrmcredssp.protocol.auth.UserCredentials;
import org.junit.jupiter.api.Test;

class KerberosNamesTest {

    private static String client(String name, String realmOption) {
        return KerberosNames.clientPrincipal(UserCredentials.parse(name, new char[] {'x'}), realmOption);
    }

    @Test
    void upnRealmIsUpperCased() {
        assertThat(client("alice@example.test", null)).isEqualTo("alice@EXAMPLE.TEST");
        assertThat(client("alice@example.test", "OTHER.TEST")).as("a UPN names its own realm")
                .isEqualTo("alice@EXAMPLE.TEST");
    }

    @Test
    void netbiosDomainAndBareUserTakeTheRealmOptionOrTheDefaultRealm() {
        assertThat(client("EXAMPLE\\alice", null)).as("the JDK adds default_realm").isEqualTo("alice");
        assertThat(client("alice", null)).isEqualTo("alice");
        assertThat(client("EXAMPLE\\alice", "EXAMPLE.TEST")).isEqualTo("alice@EXAMPLE.TEST");
        assertThat(client("alice", "EXAMPLE.TEST")).isEqualTo("alice@EXAMPLE.TEST");
    }

    @Test
    void dnsDomainIsTheRealm() {
        assertThat(client("example.test\\alice", null)).isEqualTo("alice@EXAMPLE.TEST");
    }

    @Test
    void servicePrincipalDefaultsToHttpSlashHostInTheClientRealm() throws Exception {
        KerberosSettings defaults = KerberosSettings.defaults();
        assertThat(KerberosNames.servicePrincipal("Win1.example.test", defaults, "EXAMPLE.TEST"))
                .as("host used as given").isEqualTo("HTTP/Win1.example.test@EXAMPLE.TEST");
        assertThat(KerberosNames.servicePrincipal("win1", defaults.withServiceClass("WSMAN"), "EXAMPLE.TEST"))
                .isEqualTo("WSMAN/win1@EXAMPLE.TEST");
    }

    @Test
    void explicitSpnOverridesClassAndHostAndMayNameItsRealm() throws Exception {
        KerberosSettings spn = KerberosSettings.defaults().withServicePrincipal("HTTP/web.example.test");
        assertThat(KerberosNames.servicePrincipal("10.0.0.5", spn, "EXAMPLE.TEST"))
                .isEqualTo("HTTP/web.example.test@EXAMPLE.TEST");
        assertThat(KerberosNames.servicePrincipal("10.0.0.5", spn.withServicePrincipal("HTTP/web@OTHER.TEST"),
                "EXAMPLE.TEST")).isEqualTo("HTTP/web@OTHER.TEST");
    }

    @Test
    void canonicalizationOnlyWhenAskedFor() throws Exception {
        KerberosSettings canonical = KerberosSettings.defaults().withCanonicalizeHost(true);
        assertThat(KerberosNames.servicePrincipal("127.0.0.1", KerberosSettings.defaults(), "R"))
                .isEqualTo("HTTP/127.0.0.1@R");
        assertThat(KerberosNames.servicePrincipal("127.0.0.1", canonical, "R")).isEqualTo(
                "HTTP/" + java.net.InetAddress.getByName("127.0.0.1").getCanonicalHostName().toLowerCase() + "@R");
        assertThatThrownBy(() -> KerberosNames.servicePrincipal("no-such-host.invalid", canonical, "R"))
                .isInstanceOf(KerberosException.class).hasMessageContaining("does not resolve");
    }

    @Test
    void settingsRejectNonsense() {
        assertThatThrownBy(() -> KerberosSettings.defaults().withServiceClass("HTTP/x"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> KerberosSettings.defaults().withServicePrincipal("nohost"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(KerberosSettings.defaults().withRealm("example.test").realm()).isEqualTo("EXAMPLE.TEST");
    }
}
