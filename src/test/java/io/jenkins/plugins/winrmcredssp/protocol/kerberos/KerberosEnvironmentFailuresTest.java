package io.jenkins.plugins.winrmcredssp.protocol.kerberos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.jenkins.plugins.winrmcredssp.protocol.auth.UserCredentials;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kerby.kerberos.kerb.KrbErrorCode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * KDC answers a test KDC cannot be brought to give (clock skew, disabled account, expired password), each sent as a
 * real KRB-ERROR by a {@link ScriptedKdc}, and a configuration without default realm.
 */
class KerberosEnvironmentFailuresTest {
    /** One scripted KDC per realm, each answering with the error the realm is named after. */
    private static final Map<String, KrbErrorCode> REALMS = Map.of(
            "SKEW.TEST", KrbErrorCode.KRB_AP_ERR_SKEW,
            "REVOKED.TEST", KrbErrorCode.KDC_ERR_CLIENT_REVOKED,
            "EXPIRED.TEST", KrbErrorCode.KDC_ERR_KEY_EXPIRED,
            "ETYPE.TEST", KrbErrorCode.KDC_ERR_ETYPE_NOSUPP);

    @TempDir
    static Path dir;
    private static final List<ScriptedKdc> KDCS = new ArrayList<>();
    private static Path conf;

    @BeforeAll
    static void start() throws Exception {
        // No default_realm: only realms named explicitly can be used.
        StringBuilder krb5 = new StringBuilder("[libdefaults]\n  udp_preference_limit = 1\n  kdc_timeout = 2000\n"
                + "  max_retries = 1\n  dns_lookup_kdc = false\n  dns_lookup_realm = false\n[realms]\n");
        for (Map.Entry<String, KrbErrorCode> realm : REALMS.entrySet()) {
            ScriptedKdc kdc = new ScriptedKdc(realm.getKey(), realm.getValue());
            KDCS.add(kdc);
            krb5.append("  ").append(realm.getKey()).append(" = {\n    kdc = 127.0.0.1:").append(kdc.port())
                    .append("\n  }\n");
        }
        conf = Files.writeString(dir.resolve("krb5.conf"), krb5);
        Krb5Config.use(conf);
    }

    @AfterAll
    static void stop() throws Exception {
        Krb5Config.release();
        for (ScriptedKdc kdc : KDCS) {
            kdc.close();
        }
    }

    private static KerberosException failure(String user) {
        KerberosSettings settings = KerberosSettings.defaults().withKrb5Conf(conf);
        try (KerberosInitiatorContext initiator = new KerberosInitiatorContext(
                UserCredentials.parse(user, "Passw0rd!".toCharArray()), "localhost", settings)) {
            return catchThrowableOfType(KerberosException.class, () -> initiator.step(null));
        }
    }

    @Test
    void clockSkewSaysToSynchronizeTime() {
        KerberosException e = failure("alice@skew.test");
        assertThat(e.failure()).isEqualTo(KerberosFailure.CLOCK_SKEW);
        assertThat(e.kerberosUnavailable()).isTrue();
        assertThat(e).hasMessageContaining("KRB_AP_ERR_SKEW, 37").hasMessageContaining("Synchronize the time");
    }

    @Test
    void disabledAccountAndExpiredPasswordAreCredentialFailures() {
        KerberosException disabled = failure("alice@revoked.test");
        assertThat(disabled.failure()).isEqualTo(KerberosFailure.CLIENT_REVOKED);
        assertThat(disabled.kerberosUnavailable()).isFalse();
        assertThat(disabled).hasMessageContaining("disabled, locked out");
        KerberosException expiredPassword = failure("alice@expired.test");
        assertThat(expiredPassword.failure()).isEqualTo(KerberosFailure.PASSWORD_EXPIRED);
        assertThat(expiredPassword.kerberosUnavailable()).isFalse();
    }

    @Test
    void noCommonEncryptionTypeSaysWhatToEnable() {
        KerberosException e = failure("alice@etype.test");
        assertThat(e.failure()).isEqualTo(KerberosFailure.CONFIGURATION);
        assertThat(e).hasMessageContaining("KDC_ERR_ETYPE_NOSUPP, 14").hasMessageContaining("Enable AES");
    }

    @Test
    void noDefaultRealmNamesTheConfigurationRead() {
        KerberosException e = failure("EXAMPLE\\alice");
        assertThat(e.failure()).isEqualTo(KerberosFailure.NO_REALM);
        assertThat(e.kerberosUnavailable()).isTrue();
        assertThat(e).hasMessageContaining("no default_realm").hasMessageContaining(conf.toString());
    }
}
