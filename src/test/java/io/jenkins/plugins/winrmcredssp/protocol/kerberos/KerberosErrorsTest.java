package io.jenkins.plugins.winrmcredssp.protocol.kerberos;

import static org.assertj.core.api.Assertions.assertThat;

import javax.security.auth.login.LoginException;
import org.junit.jupiter.api.Test;

/** Classification of the JDK's error texts that carry no KDC error code of their own. */
class KerberosErrorsTest {

    @Test
    void cannotLocateKdcIsAnUnavailableRealmEvenWithTheGenericCode() {
        // What Krb5LoginModule reports when no KDC is configured for the user's realm: KRB_ERR_GENERIC (60).
        LoginException jdk = new LoginException("Cannot locate KDC (60)");
        KerberosException e = KerberosErrors.classify(jdk, KerberosErrors.Stage.LOGIN, "alice@NOKDC.TEST", null);
        assertThat(e.failure()).isEqualTo(KerberosFailure.NO_REALM);
        assertThat(e.kerberosUnavailable()).isTrue();
        assertThat(e.getMessage()).contains("no KDC is known for the realm");
    }

    @Test
    void anotherGenericErrorStaysAProtocolFailure() {
        KerberosException e = KerberosErrors.classify(new LoginException("Message stream modified (41)"),
                KerberosErrors.Stage.LOGIN, "alice@KERBY.TEST", null);
        assertThat(e.failure()).isEqualTo(KerberosFailure.PROTOCOL);
        assertThat(e.kerberosUnavailable()).isFalse();
    }
}
