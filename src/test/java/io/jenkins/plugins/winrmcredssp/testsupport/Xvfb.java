package io.jenkins.plugins.winrmcredssp.testsupport;

import java.io.IOException;
import java.time.Duration;

/**
 * A virtual X display for peers that need one (FreeRDP's shadow server and client). Xvfb picks a free display number
 * itself ({@code -displayfd}) and listens on no TCP port.
 */
public final class Xvfb implements AutoCloseable {
    private static final Duration START_TIMEOUT = Duration.ofSeconds(20);

    private final PeerProcess process;
    private final String display;

    private Xvfb(PeerProcess process, String display) {
        this.process = process;
        this.display = display;
    }

    /** Starts Xvfb (skips or, under CI, fails the test when it is not installed). */
    public static Xvfb start() throws IOException {
        String xvfb = InteropPeers.requireExecutable("Xvfb", "Xvfb (package xvfb)").toString();
        ProcessBuilder pb = new ProcessBuilder(xvfb, "-displayfd", "1", "-screen", "0", "1024x768x24",
                "-nolisten", "tcp");
        PeerProcess process = PeerProcess.start("Xvfb", pb);
        try {
            String number = process.nextLine(START_TIMEOUT).trim();
            if (!number.matches("\\d+")) {
                throw new IOException("Xvfb printed '" + number + "' instead of its display number");
            }
            return new Xvfb(process, ":" + number);
        } catch (IOException | RuntimeException e) {
            process.close();
            throw e;
        }
    }

    /** The value for {@code DISPLAY}, e.g. {@code :1}. */
    public String display() {
        return display;
    }

    @Override
    public void close() {
        process.close();
    }

    @Override
    public String toString() {
        return "Xvfb " + display;
    }
}
