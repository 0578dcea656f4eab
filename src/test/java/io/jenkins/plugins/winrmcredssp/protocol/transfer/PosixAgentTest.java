package io.jenkins.plugins.winrmcredssp.protocol.transfer;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The POSIX agent driven directly (a local python3 process, no WinRM) with input the client never sends: a hostile
 * manifest, frames out of order, stdin cut off mid-file. It must refuse with an error frame, write nothing outside
 * the destination and leave no temporary file.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class PosixAgentTest {
    @TempDir
    Path temp;

    private record Run(int exit, List<TransferFrame> frames) {
        TransferFrame last() {
            return frames.get(frames.size() - 1);
        }
    }

    private Run agent(TransferFrame... frames) throws Exception {
        ByteArrayOutputStream input = new ByteArrayOutputStream();
        input.write(RemotePlatform.POSIX.stdinPreamble());
        for (TransferFrame f : frames) {
            f.writeTo(input);
        }
        return agent(input.toByteArray());
    }

    private Run agent(byte[] input) throws Exception {
        List<String> argv = new ArrayList<>(List.of("/bin/sh", "-c", RemotePlatform.POSIX.command().commandLine()));
        Process p = new ProcessBuilder(argv).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        try (OutputStream stdin = p.getOutputStream()) {
            stdin.write(input);
        } catch (IOException e) {
            // the agent may stop reading early
        }
        byte[] out = p.getInputStream().readAllBytes();
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        FrameDecoder decoder = new FrameDecoder(1 << 20);
        decoder.feed(out);
        decoder.finish();
        List<TransferFrame> frames = new ArrayList<>();
        for (TransferFrame f; (f = decoder.poll()) != null;) {
            frames.add(f);
        }
        return new Run(p.exitValue(), frames);
    }

    private TransferFrame manifest(String... entries) {
        return TransferFrame.text(TransferFrame.UPLOAD, "1\tALWAYS\t" + temp.resolve("dest") + "\n"
                + String.join("\n", entries));
    }

    @Test
    void aManifestThatEscapesTheRootIsRefusedBeforeAnythingIsWritten() throws Exception {
        for (String bad : List.of("../escape.txt", "/etc/evil", "a/../../b", "a//b", "./a", "a\\b", "c:x")) {
            Run run = agent(manifest("F\t1\t-\t" + bad));
            assertThat(run.exit()).as(bad).isEqualTo(1);
            assertThat(run.last().text()).as(bad).startsWith("INVALID_PATH\t-1\t");
        }
        assertThat(temp.resolve("dest")).doesNotExist();
        assertThat(temp.resolve("escape.txt")).doesNotExist();
    }

    @Test
    void framesOutOfOrderAreProtocolErrors() throws Exception {
        Run chunkFirst = agent(manifest("F\t1\t-\ta"), new TransferFrame(TransferFrame.CHUNK, new byte[] {1}));
        assertThat(chunkFirst.exit()).isEqualTo(2);
        assertThat(chunkFirst.last().text()).startsWith("PROTOCOL\t-1\t\tchunk outside a file");

        Files.writeString(temp.resolve("existing"), "keep");
        Run unasked = agent(TransferFrame.text(TransferFrame.UPLOAD, "1\tNEVER\t" + temp + "\nF\t1\t-\texisting"),
                TransferFrame.text(TransferFrame.BEGIN, "0"));
        assertThat(unasked.frames().get(0).text()).isEqualTo("SKIP_EXISTING");
        assertThat(unasked.last().text()).startsWith("PROTOCOL\t-1\t\tfile 0 was not asked for");
        assertThat(temp.resolve("existing")).hasContent("keep");

        Run unknown = agent(TransferFrame.text((byte) 'W', "?"));
        assertThat(unknown.last().text()).startsWith("PROTOCOL\t-1\t\texpected an upload or get frame");
    }

    @Test
    void stdinCutOffMidFileLeavesNeitherTheFileNorItsTemporary() throws Exception {
        Run run = agent(manifest("F\t10\t-\tsub/f.bin"), TransferFrame.text(TransferFrame.BEGIN, "0"),
                new TransferFrame(TransferFrame.CHUNK, new byte[] {1, 2, 3}));
        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.last().text()).contains("stdin ended before the quit frame");
        assertThat(temp.resolve("dest/sub/f.bin")).doesNotExist();
        assertThat(TestFiles.tempFiles(temp)).isZero();
    }

    @Test
    void aFileWhoseBytesDoNotMatchItsTrailerIsNotRenamedIntoPlace() throws Exception {
        Run run = agent(manifest("F\t3\t-\tf.bin"), TransferFrame.text(TransferFrame.BEGIN, "0"),
                new TransferFrame(TransferFrame.CHUNK, new byte[] {1, 2, 3}),
                TransferFrame.text(TransferFrame.END, "3\t" + "0".repeat(64)), TransferFrame.text(TransferFrame.QUIT, ""));
        assertThat(run.last().text()).startsWith("VERIFICATION_FAILED\t0\t" + temp.resolve("dest/f.bin"));
        assertThat(temp.resolve("dest/f.bin")).doesNotExist();
        assertThat(TestFiles.tempFiles(temp)).isZero();
    }

    @Test
    void aHugeFrameLengthIsRefused() throws Exception {
        ByteArrayOutputStream input = new ByteArrayOutputStream();
        input.write(RemotePlatform.POSIX.stdinPreamble());
        input.write(new byte[] {'U', 0x7f, (byte) 0xff, (byte) 0xff, (byte) 0xff});
        Run run = agent(input.toByteArray());
        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.last().text()).contains("over the limit");
    }
}
