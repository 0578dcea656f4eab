package io.jenkins.plugins.winrmcredssp.protocol.kerberos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class Krb5ConfigTest {
    @TempDir
    Path dir;
    private String before;

    @BeforeEach
    void remember() {
        Krb5Config.release();
        before = System.getProperty(Krb5Config.PROPERTY);
    }

    @AfterEach
    void restore() {
        Krb5Config.release();
        assertThat(System.getProperty(Krb5Config.PROPERTY)).isEqualTo(before);
    }

    @Test
    void firstSelectionSetsThePropertyAndAsksForOneRefresh() throws Exception {
        System.clearProperty(Krb5Config.PROPERTY);
        Krb5Config.takeRefresh();
        Path conf = Files.writeString(dir.resolve("a.conf"), "[libdefaults]\n");
        Krb5Config.use(conf);
        assertThat(System.getProperty(Krb5Config.PROPERTY)).isEqualTo(conf.toString());
        assertThat(Krb5Config.selected()).contains(conf);
        assertThat(Krb5Config.takeRefresh()).isTrue();
        assertThat(Krb5Config.takeRefresh()).isFalse();
        Krb5Config.use(dir.resolve("x/../a.conf"));
        assertThat(Krb5Config.takeRefresh()).as("same file again changes nothing").isFalse();
        Krb5Config.release();
        assertThat(System.getProperty(Krb5Config.PROPERTY)).isNull();
        assertThat(Krb5Config.takeRefresh()).as("the next login re-reads the configuration").isTrue();
        if (before != null) {
            System.setProperty(Krb5Config.PROPERTY, before);
        }
    }

    @Test
    void aSecondFileIsRefusedWithTheReason() throws Exception {
        Path a = Files.writeString(dir.resolve("a.conf"), "[libdefaults]\n");
        Path b = Files.writeString(dir.resolve("b.conf"), "[libdefaults]\n");
        String previous = System.getProperty(Krb5Config.PROPERTY);
        System.clearProperty(Krb5Config.PROPERTY);
        try {
            Krb5Config.use(a);
            assertThatThrownBy(() -> Krb5Config.use(b)).isInstanceOf(KerberosException.class)
                    .hasMessageContaining(a.toString()).hasMessageContaining(b.toString())
                    .hasMessageContaining("one krb5.conf per JVM")
                    .satisfies(e -> assertThat(((KerberosException) e).failure())
                            .isEqualTo(KerberosFailure.CONFIGURATION));
            assertThat(System.getProperty(Krb5Config.PROPERTY)).isEqualTo(a.toString());
        } finally {
            Krb5Config.release();
            if (previous != null) {
                System.setProperty(Krb5Config.PROPERTY, previous);
            }
        }
    }

    @Test
    void aPropertySetByTheJvmOwnerIsRespected() throws Exception {
        Path mine = Files.writeString(dir.resolve("mine.conf"), "[libdefaults]\n");
        Path theirs = Files.writeString(dir.resolve("theirs.conf"), "[libdefaults]\n");
        String previous = System.getProperty(Krb5Config.PROPERTY);
        System.setProperty(Krb5Config.PROPERTY, theirs.toString());
        try {
            assertThatThrownBy(() -> Krb5Config.use(mine)).isInstanceOf(KerberosException.class)
                    .hasMessageContaining("already uses").hasMessageContaining(theirs.toString());
            Krb5Config.use(theirs);
            Krb5Config.release();
            assertThat(System.getProperty(Krb5Config.PROPERTY)).isEqualTo(theirs.toString());
        } finally {
            if (previous == null) {
                System.clearProperty(Krb5Config.PROPERTY);
            } else {
                System.setProperty(Krb5Config.PROPERTY, previous);
            }
        }
    }

    @Test
    void missingFileIsAConfigurationError() {
        assertThatThrownBy(() -> Krb5Config.use(dir.resolve("none.conf"))).isInstanceOf(KerberosException.class)
                .hasMessageContaining("does not exist");
    }
}
