package io.jenkins.plugins.winrmcredssp.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class InteropPeersTest {
    @Test
    void findsExecutablesOnThePathAndInSbin() {
        assertThat(InteropPeers.executable("sh")).hasValueSatisfying(p -> assertThat(p).isExecutable());
        assertThat(InteropPeers.executable("no-such-peer-installed-anywhere")).isEmpty();
    }

    @Test
    void requireReturnsQuietlyForAPresentPeer() {
        assertThat(InteropPeers.requireExecutable("sh", "a POSIX shell")).isExecutable();
    }
}
