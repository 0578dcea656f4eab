package io.jenkins.plugins.winrmcredssp.protocol.wsman.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.winrmcredssp.protocol.auth.UserCredentials;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** RFC 7617 Basic against fixed accounts. */
class BasicAuthenticatorTest {
    private static final ConnectionInfo HTTP = new ConnectionInfo(1, new InetSocketAddress("127.0.0.1", 1), null);

    private static AuthStep step(BasicAuthenticator basic, String userPass) throws Exception {
        return basic.newExchange(HTTP).step(userPass.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void acceptsUserOrDomainUserCaseInsensitivelyWithTheExactPassword() throws Exception {
        BasicAuthenticator basic = new BasicAuthenticator(List.of(UserCredentials.parse("EXAMPLE\\alice", "pässword:1".toCharArray())));

        assertThat(step(basic, "alice:pässword:1").complete()).isTrue();
        assertThat(step(basic, "example\\ALICE:pässword:1").complete()).isTrue();
        assertThatThrownBy(() -> step(basic, "alice:pässword:2")).isInstanceOf(AuthenticationFailedException.class)
                .hasMessageNotContaining("pässword");
        assertThatThrownBy(() -> step(basic, "bob:pässword:1")).isInstanceOf(AuthenticationFailedException.class);
        assertThatThrownBy(() -> step(basic, "no-colon")).isInstanceOf(AuthenticationFailedException.class);
        assertThatThrownBy(() -> basic.newExchange(HTTP).step(new byte[] {(byte) 0xff, ':'}))
                .isInstanceOf(AuthenticationFailedException.class).hasMessageContaining("UTF-8");
    }

    @Test
    void keepsItsOwnCopyOfTheAccounts() throws Exception {
        UserCredentials alice = UserCredentials.parse("alice", "secret".toCharArray());
        BasicAuthenticator basic = new BasicAuthenticator(List.of(alice));
        alice.destroy();

        assertThat(step(basic, "alice:secret").complete()).isTrue();
    }

    @Test
    void isOfferedOnlyOverHttpsAndDoesNotBindTheConnection() {
        BasicAuthenticator basic = new BasicAuthenticator(List.of());

        assertThat(basic.availableOn(HTTP)).isFalse();
        assertThat(basic.newExchange(HTTP).bindsConnection()).isFalse();
        assertThat(basic.offer()).isEqualTo("Basic realm=\"WSMAN\"");
    }
}
