package io.jenkins.plugins.winrmcredssp.protocol.spnego;

import java.util.Arrays;
import java.util.Random;

/** Deterministic corruptions of a valid token: bit flips, byte overwrites, truncation, insertion, length tampering. */
final class Mutations {
    private Mutations() {
    }

    static byte[] mutate(byte[] valid, Random random) {
        byte[] token = valid.clone();
        int rounds = 1 + random.nextInt(3);
        for (int r = 0; r < rounds && token.length > 0; r++) {
            int at = random.nextInt(token.length);
            switch (random.nextInt(6)) {
                case 0 -> token[at] ^= (byte) (1 << random.nextInt(8));
                case 1 -> token[at] = (byte) random.nextInt(256);
                case 2 -> token = Arrays.copyOf(token, at);
                case 3 -> {
                    byte[] longer = new byte[token.length + 1];
                    System.arraycopy(token, 0, longer, 0, at);
                    longer[at] = (byte) random.nextInt(256);
                    System.arraycopy(token, at, longer, at + 1, token.length - at);
                    token = longer;
                }
                case 4 -> token[at] = (byte) (0x80 | random.nextInt(5));
                default -> token[at] = (byte) (random.nextBoolean() ? 0xFF : 0x00);
            }
        }
        return token;
    }
}
