package io.jenkins.plugins.winrmcredssp.protocol.wsman.server;

import io.jenkins.plugins.winrmcredssp.testsupport.InteropPeers;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** Runs pywinrm_run.py (pywinrm, an independent WinRM client) under Debian's python3 with a bounded wait. */
final class PywinrmRunner {
    private PywinrmRunner() {
    }

    /** The script's JSON output; fails with its stderr when pywinrm exits non-zero. */
    static String run(URI endpoint, String transport, String user, String password, String commandsJson,
            int operationTimeoutSec, Path workDir) throws IOException, InterruptedException {
        return run(endpoint, transport, user, password, commandsJson, operationTimeoutSec, workDir, true);
    }

    static String run(URI endpoint, String transport, String user, String password, String commandsJson,
            int operationTimeoutSec, Path workDir, boolean sendCbt) throws IOException, InterruptedException {
        Path script = workDir.resolve("pywinrm_run.py");
        try (InputStream in = PywinrmRunner.class.getResourceAsStream("pywinrm_run.py")) {
            Files.copy(in, script, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
        ProcessBuilder pb = new ProcessBuilder(InteropPeers.SYSTEM_PYTHON.toString(), script.toString(),
                endpoint.toString(), transport, user, Integer.toString(operationTimeoutSec));
        pb.environment().put("WINRM_PASSWORD", password);
        pb.environment().put("PYWINRM_SEND_CBT", sendCbt ? "1" : "0");
        pb.environment().put("NO_PROXY", "127.0.0.1");
        // pywinrm 0.3.0 lets these override server_cert_validation='ignore' (requests' environment merge)
        pb.environment().remove("REQUESTS_CA_BUNDLE");
        pb.environment().remove("CURL_CA_BUNDLE");
        pb.environment().remove("HTTP_PROXY");
        pb.environment().remove("HTTPS_PROXY");
        pb.environment().remove("http_proxy");
        pb.environment().remove("https_proxy");
        Path stderr = workDir.resolve("stderr.txt");
        pb.redirectError(stderr.toFile());
        Process p = pb.start();
        try {
            p.getOutputStream().write(commandsJson.getBytes(StandardCharsets.UTF_8));
            p.getOutputStream().close();
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                throw new AssertionError("pywinrm did not finish within 120 s");
            }
            if (p.exitValue() != 0) {
                throw new AssertionError("pywinrm failed (exit " + p.exitValue() + "):\n" + Files.readString(stderr));
            }
            Files.deleteIfExists(script);
            return new String(out, StandardCharsets.UTF_8);
        } finally {
            p.destroyForcibly();
        }
    }
}
