package io.jenkins.plugins.winrmcredssp;

import static org.assertj.core.api.Assertions.assertThat;

import com.cloudbees.plugins.credentials.CredentialsProvider;
import hudson.model.Item;
import hudson.security.Permission;
import hudson.util.ListBoxModel;
import io.jenkins.plugins.winrmcredssp.standin.StandInJenkins;
import io.jenkins.plugins.winrmcredssp.testsupport.StandInFixtures.SecretText;
import io.jenkins.plugins.winrmcredssp.testsupport.StandInFixtures.TestJob;
import io.jenkins.plugins.winrmcredssp.testsupport.StandInFixtures.UsernamePassword;
import java.util.List;
import jenkins.model.Jenkins;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The permission rules of the credentials drop-down (docs: Jenkins security team's rules for form fill methods). */
class CredentialsIdItemsStandInTest {
    private final TestJob job = new TestJob("deploy");

    @BeforeEach
    void setUp() {
        StandInJenkins.start();
        StandInJenkins.actAs("alice");
        StandInJenkins.addCredentials(new UsernamePassword("win", "build account", "CORP\\jenkins", "pw1"));
        StandInJenkins.addCredentials(new SecretText("token", "t0k3n"));
        StandInJenkins.addCredentials(new UsernamePassword("win2", "", "admin@CORP.EXAMPLE", "pw2"));
    }

    @AfterEach
    void tearDown() {
        StandInJenkins.reset();
    }

    @Test
    void withoutItemNonAdministratorsSeeOnlyTheCurrentValue() {
        StandInJenkins.grant(Jenkins.get(), Jenkins.READ, Item.CONFIGURE);

        assertThat(values(CredentialsIdItems.fill(null, "win", "db01"))).containsExactly("win");
        assertThat(names(CredentialsIdItems.fill(null, "win", "db01"))).containsExactly("- current -");
        assertThat(values(CredentialsIdItems.fill(null, null, "db01"))).containsExactly("");
    }

    @Test
    void withoutItemAdministratorsSeeUsernamePasswordCredentials() {
        StandInJenkins.grant(Jenkins.get(), Jenkins.ADMINISTER);

        ListBoxModel items = CredentialsIdItems.fill(null, "", "db01");

        assertThat(values(items)).containsExactly("", "win", "win2");
        assertThat(names(items)).containsExactly("- none -", "build account", "win2");
    }

    @Test
    void onAJobExtendedReadOrUseItemAllowsListing() {
        for (Permission enough : List.of(Item.EXTENDED_READ, CredentialsProvider.USE_ITEM, Item.CONFIGURE)) {
            StandInJenkins.reset();
            setUp();
            StandInJenkins.grant(job, enough);

            assertThat(values(CredentialsIdItems.fill(job, "win2", null))).as(enough.getId())
                    .containsExactly("", "win", "win2");
        }
    }

    @Test
    void onAJobReadAloneShowsOnlyTheCurrentValue() {
        StandInJenkins.grant(job, Item.READ, Item.BUILD);

        assertThat(values(CredentialsIdItems.fill(job, "win", null))).containsExactly("win");
    }

    @Test
    void aCurrentValueNoLongerVisibleIsKeptSoTheFormSavesUnchanged() {
        StandInJenkins.grant(job, Item.CONFIGURE);

        assertThat(values(CredentialsIdItems.fill(job, "deleted-id", null)))
                .containsExactly("", "deleted-id", "win", "win2");
    }

    private static List<String> values(ListBoxModel model) {
        return model.stream().map(o -> o.value).toList();
    }

    private static List<String> names(ListBoxModel model) {
        return model.stream().map(o -> o.name).toList();
    }
}
