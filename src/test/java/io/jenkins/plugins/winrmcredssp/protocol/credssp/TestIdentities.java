package io.jenkins.plugins.winrmcredssp.protocol.credssp;

import java.time.Clock;

/** Self-signed server identities, generated once per test JVM (RSA key generation is slow). */
final class TestIdentities {
    static final TlsServerIdentity SERVER = TlsServerIdentity.selfSigned("credssp-test", Clock.systemUTC());
    static final TlsServerIdentity MITM = TlsServerIdentity.selfSigned("mitm", Clock.systemUTC());

    private TestIdentities() {
    }
}
