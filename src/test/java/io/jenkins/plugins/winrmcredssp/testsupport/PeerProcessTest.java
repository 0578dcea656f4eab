package io.jenkins.plugins.winrmcredssp.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.EOFException;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class PeerProcessTest {
    private static final Duration SHORT = Duration.ofMillis(300);

    private static ProcessBuilder sh(String script) {
        return new ProcessBuilder("sh", "-c", script);
    }

    @Test
    void linesOfAnswerAndLogOfBothStreams() throws IOException {
        try (PeerProcess p = PeerProcess.start("echo", sh("read x; echo \"got $x\"; echo note >&2; exec sleep 30"))) {
            p.writeLine("ping");
            assertThat(p.nextLine(Duration.ofSeconds(10))).isEqualTo("got ping");
            p.awaitOutput("note", Duration.ofSeconds(10));
            assertThat(p.output()).contains("got ping\n", "note\n");
        }
    }

    @Test
    void silentProcessTimesOutWithinTheBound() throws IOException {
        try (PeerProcess p = PeerProcess.start("silent", sh("exec sleep 30"))) {
            long start = System.nanoTime();
            assertThatThrownBy(() -> p.nextLine(SHORT)).isInstanceOf(IOException.class)
                    .hasMessageContaining("did not answer within");
            assertThatThrownBy(() -> p.awaitOutput("never", SHORT)).hasMessageContaining("did not print 'never'");
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
        }
    }

    @Test
    void exitBeforeTheAwaitedLineIsReportedAsEndOfOutput() throws IOException {
        try (PeerProcess p = PeerProcess.start("quitter", sh("echo bye; exit 3"))) {
            assertThatThrownBy(() -> p.awaitOutput("Listening on", Duration.ofSeconds(10)))
                    .isInstanceOf(EOFException.class).hasMessageContaining("exited with 3").hasMessageContaining("bye");
            assertThat(p.nextLine(SHORT)).isEqualTo("bye");
            assertThatThrownBy(() -> p.nextLine(SHORT)).isInstanceOf(EOFException.class);
        }
    }

    @Test
    void runReturnsExitCodeAndOutputAndFeedsInput() throws IOException {
        PeerProcess.Completed c = PeerProcess.run("cat", sh("cat; exit 4"), "secret-free input\n", Duration.ofSeconds(10));
        assertThat(c.exitCode()).isEqualTo(4);
        assertThat(c.output()).isEqualTo("secret-free input\n");
        assertThatThrownBy(() -> PeerProcess.runChecked("false", sh("echo why >&2; exit 1"), Duration.ofSeconds(10)))
                .hasMessageContaining("exited with 1").hasMessageContaining("why");
    }

    @Test
    void closeStopsTheProcessAndItsChildren() throws IOException {
        PeerProcess p = PeerProcess.start("parent", sh("sleep 60 & sleep 60 & echo started; wait"));
        p.nextLine(Duration.ofSeconds(10));
        List<ProcessHandle> children = ProcessHandle.of(p.pid()).orElseThrow().descendants().toList();
        assertThat(children).isNotEmpty();

        p.close();

        assertThat(p.isAlive()).isFalse();
        assertThat(children).noneMatch(ProcessHandle::isAlive);
    }

    @Test
    void waitForKillsAProcessThatOverstays() throws IOException {
        try (PeerProcess p = PeerProcess.start("sleeper", sh("exec sleep 30"))) {
            assertThatThrownBy(() -> p.waitFor(SHORT)).hasMessageContaining("did not exit within");
            assertThat(p.isAlive()).isFalse();
        }
    }
}
