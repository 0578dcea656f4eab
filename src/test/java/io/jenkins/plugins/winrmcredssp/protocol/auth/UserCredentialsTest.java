package io.jenkins.plugins.winrmcredssp.protocol.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class UserCredentialsTest {
    private static final char[] SECRET = "S3cret!pw".toCharArray();

    @Test
    void downLevelName() {
        UserCredentials c = UserCredentials.parse("CORP\\alice", SECRET);
        assertThat(c.domain()).isEqualTo("CORP");
        assertThat(c.user()).isEqualTo("alice");
        assertThat(c.isUpn()).isFalse();
        assertThat(c.displayName()).isEqualTo("CORP\\alice");
    }

    @Test
    void upnKeepsWholeNameAsUserWithEmptyDomain() {
        UserCredentials c = UserCredentials.parse("alice@corp.example", SECRET);
        assertThat(c.domain()).isEmpty();
        assertThat(c.user()).isEqualTo("alice@corp.example");
        assertThat(c.upnRealm()).isEqualTo("CORP.EXAMPLE");
        assertThat(c.account()).isEqualTo("alice");
    }

    @Test
    void bareUser() {
        UserCredentials c = UserCredentials.parse("alice", SECRET);
        assertThat(c.domain()).isEmpty();
        assertThat(c.user()).isEqualTo("alice");
    }

    @Test
    void rejectsEmptyParts() {
        assertThatThrownBy(() -> UserCredentials.parse("CORP\\", SECRET)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> UserCredentials.parse("@corp", SECRET)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> UserCredentials.parse("", SECRET)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void passwordNeverInToStringAndWipedOnDestroy() {
        UserCredentials c = UserCredentials.parse("CORP\\alice", SECRET);
        assertThat(c.toString()).doesNotContain("S3cret");
        assertThat(c.password()).containsExactly(SECRET);
        c.destroy();
        assertThat(c.isDestroyed()).isTrue();
        assertThatThrownBy(c::password).isInstanceOf(IllegalStateException.class);
    }
}
