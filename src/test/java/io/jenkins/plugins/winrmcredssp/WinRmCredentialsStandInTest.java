package io.jenkins.plugins.winrmcredssp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.cloudbees.plugins.credentials.domains.HostnameRequirement;
import hudson.AbortException;
import io.jenkins.plugins.winrmcredssp.standin.StandInJenkins;
import io.jenkins.plugins.winrmcredssp.testsupport.StandInFixtures.SecretText;
import io.jenkins.plugins.winrmcredssp.testsupport.StandInFixtures.TestRun;
import io.jenkins.plugins.winrmcredssp.testsupport.StandInFixtures.UsernamePassword;
import io.jenkins.plugins.winrmcredssp.testsupport.StandInFixtures;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class WinRmCredentialsStandInTest {
    private static final String PASSWORD = "Pa55-w0rd!";
    private final UsernamePassword windows = new UsernamePassword("win", "build account", "CORP\\jenkins", PASSWORD);
    private final SecretText token = new SecretText("token", "t0k3n-value");
    private TestRun run;

    @BeforeEach
    void setUp() throws Exception {
        StandInJenkins.start();
        StandInJenkins.addCredentials(token);
        StandInJenkins.addCredentials(windows);
        run = StandInFixtures.newRun("deploy");
    }

    @AfterEach
    void tearDown() {
        StandInJenkins.reset();
    }

    @Test
    void resolvesUsernamePasswordByIdAndTracksItOnTheBuild() throws Exception {
        assertThat(WinRmCredentials.resolve(run, "win", "db01.corp.example")).isSameAs(windows);
        assertThat(StandInJenkins.tracked(run)).containsExactly(windows);
    }

    @Test
    void unknownIdAbortsNamingTheId() {
        assertThatThrownBy(() -> WinRmCredentials.resolve(run, "nope", "db01"))
                .isInstanceOf(AbortException.class)
                .hasMessage(Messages.WinRmCredentials_NotFound("nope"))
                .hasMessageContaining("'nope'");
        assertThat(StandInJenkins.tracked(run)).isEmpty();
    }

    @Test
    void otherCredentialTypeAbortsNamingIdAndTypeButNotTheSecret() {
        assertThatThrownBy(() -> WinRmCredentials.resolve(run, "token", "db01"))
                .isInstanceOf(AbortException.class)
                .hasMessageContaining("'token'")
                .hasMessageContaining("SecretText")
                .hasMessageContaining("Username with password")
                .hasMessageNotContaining("t0k3n-value");
        assertThat(StandInJenkins.tracked(run)).isEmpty();
    }

    @Test
    void missingIdAbortsAskingForCredentials() {
        for (String blank : new String[] {null, "", "  "}) {
            assertThatThrownBy(() -> WinRmCredentials.resolve(run, blank, "db01"))
                    .isInstanceOf(AbortException.class)
                    .hasMessage(Messages.WinRmCredentials_NoId());
        }
    }

    @Test
    void domainRequirementIsTheHostWhenKnown() {
        assertThat(WinRmCredentials.domainOf(" db01.corp.example "))
                .singleElement()
                .isInstanceOfSatisfying(HostnameRequirement.class,
                        r -> assertThat(r.getHostname()).isEqualTo("db01.corp.example"));
        assertThat(WinRmCredentials.domainOf(null)).isEmpty();
        assertThat(WinRmCredentials.domainOf(" ")).isEmpty();
        assertThat(WinRmCredentials.domainOf("${TARGET_HOST}")).as("not expanded yet").isEmpty();
    }
}
