package io.jenkins.plugins.winrmcredssp.protocol.auth;

import java.security.SecureRandom;

/** Source of random bytes (challenges, session keys, nonces), injected so tests are deterministic. */
@FunctionalInterface
public interface Entropy {

    void nextBytes(byte[] out);

    default byte[] bytes(int count) {
        byte[] out = new byte[count];
        nextBytes(out);
        return out;
    }

    /** The platform's strong random generator. */
    static Entropy secure() {
        SecureRandom random = new SecureRandom();
        return random::nextBytes;
    }
}
