package io.jenkins.plugins.winrmcredssp.protocol.wsman;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** Recorded WinRM responses under src/test/resources (each file names its public source). */
final class Fixtures {
    private Fixtures() {
    }

    static byte[] load(String name) {
        try (InputStream in = Fixtures.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture " + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A request whose MessageID is the one the fixtures' RelatesTo names. */
    static WsmanRequest request(String action, String messageId) {
        return new WsmanRequest(action, messageId, new byte[0]);
    }
}
