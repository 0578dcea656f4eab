package io.jenkins.plugins.winrmcredssp.protocol.wsman;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.winrmcredssp.testsupport.InteropPeers;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The framing against pywinrm's own implementation (python3-winrm, {@code winrm.encryption.Encryption}), both
 * directions, with the same fake sealer on each side (pywinrm_framing.py mirrors {@link FakeSealer}).
 */
class EncryptedMessagePywinrmInteropTest {
    @TempDir
    Path dir;

    @BeforeAll
    static void requirePywinrm() {
        InteropPeers.requirePythonModules("pywinrm (python3-winrm)", "winrm.encryption", "requests");
    }

    @ParameterizedTest(name = "{0}, {1} bytes")
    @CsvSource({"credssp, 13", "credssp, 16384", "credssp, 40960", "credssp, 70001", "ntlm, 13", "ntlm, 40960"})
    void javaAndPywinrmFrameIdenticallyAndReadEachOther(String flavour, int size) throws Exception {
        byte[] soap = new byte[size];
        new Random(size).nextBytes(soap);
        Path plaintext = Files.write(dir.resolve("plain"), soap);

        pywinrm("encode", flavour, plaintext, dir.resolve("py.ct"), dir.resolve("py.body"));
        String pyContentType = Files.readString(dir.resolve("py.ct"));
        byte[] pyBody = Files.readAllBytes(dir.resolve("py.body"));

        EncryptedMessage.Encoded ours = codec(flavour).encode(soap);
        assertThat(ours.contentType()).isEqualTo(pyContentType);
        assertThat(ours.body()).as("byte-identical to pywinrm's framing").isEqualTo(pyBody);
        assertThat(codec(flavour).decode(pyContentType, pyBody)).isEqualTo(soap);

        Files.writeString(dir.resolve("java.ct"), ours.contentType());
        Files.write(dir.resolve("java.body"), ours.body());
        pywinrm("decode", flavour, dir.resolve("java.ct"), dir.resolve("java.body"), dir.resolve("py.plain"));
        assertThat(Files.readAllBytes(dir.resolve("py.plain"))).isEqualTo(soap);
    }

    private static EncryptedMessage codec(String flavour) {
        return flavour.equals("credssp") ? EncryptedMessage.credSsp(FakeSealer.credSsp())
                : EncryptedMessage.spnego(FakeSealer.spnego());
    }

    private void pywinrm(String mode, String flavour, Path a, Path b, Path c) throws IOException, InterruptedException {
        Path script = dir.resolve("pywinrm_framing.py");
        try (InputStream in = getClass().getResourceAsStream("pywinrm_framing.py")) {
            Files.write(script, in.readAllBytes());
        }
        Process process = new ProcessBuilder(List.of(InteropPeers.SYSTEM_PYTHON.toString(), script.toString(), mode,
                flavour, a.toString(), b.toString(), c.toString())).redirectErrorStream(true).start();
        try {
            byte[] output = process.getInputStream().readAllBytes();
            assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("pywinrm finished").isTrue();
            assertThat(process.exitValue()).as(new String(output, StandardCharsets.UTF_8)).isZero();
        } finally {
            process.destroyForcibly();
        }
    }
}
