package io.jenkins.plugins.winrmcredssp.testsupport;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Assumptions;

/**
 * Availability of the independent peers the interop tests run against ({@code scripts/install-test-deps.sh} installs
 * them). A missing peer skips the test on a developer machine but <em>fails</em> it under {@code CI=true}, so CI can
 * never pass without the interop tests having run.
 */
public final class InteropPeers {
    /** Debian's interpreter, which sees the python3-* packages (the PATH may hold another python3). */
    public static final Path SYSTEM_PYTHON = Path.of("/usr/bin/python3");

    /** Outcome of each Python check, run once per JVM. */
    private static final Map<String, Boolean> PYTHON_CHECKS = new ConcurrentHashMap<>();

    private InteropPeers() {
    }

    public static boolean underCi() {
        return "true".equalsIgnoreCase(System.getenv("CI"));
    }

    /** Skips (developer machine) or fails (CI) the calling test when {@code available} is false. */
    public static void require(boolean available, String peer) {
        if (available) {
            return;
        }
        String message = peer + " is not installed; run scripts/install-test-deps.sh (as root)";
        if (underCi()) {
            fail("CI=true and the interop peer is missing: " + message);
        }
        Assumptions.abort(message);
    }

    public static void requireFile(String path, String peer) {
        require(Files.exists(Path.of(path)), peer + " (" + path + ")");
    }

    /**
     * Requires an executable (looked up on the PATH, then in /usr/sbin and /sbin, where Debian puts krb5kdc and
     * kadmin.local) and returns its path.
     */
    public static Path requireExecutable(String command, String peer) {
        Optional<Path> found = executable(command);
        require(found.isPresent(), peer + " (command " + command + ")");
        return found.orElseThrow();
    }

    /** The executable named {@code command}, if one is installed. */
    public static Optional<Path> executable(String command) {
        List<String> dirs = new ArrayList<>(List.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)));
        dirs.addAll(List.of("/usr/sbin", "/sbin", "/usr/bin", "/bin"));
        return dirs.stream()
                .filter(d -> !d.isEmpty())
                .map(d -> Path.of(d, command))
                .filter(Files::isExecutable)
                .findFirst();
    }

    /** Requires Debian's python3 with the named modules importable. */
    public static void requirePythonModules(String peer, String... modules) {
        requirePython(peer, "import " + String.join(",", modules));
    }

    /** Requires Debian's python3 to run {@code check} (e.g. an import and an assertion) with exit code 0. */
    public static void requirePython(String peer, String check) {
        require(PYTHON_CHECKS.computeIfAbsent(check, InteropPeers::pythonSucceeds), peer);
    }

    private static boolean pythonSucceeds(String check) {
        boolean ok = Files.isExecutable(SYSTEM_PYTHON);
        if (ok) {
            try {
                ProcessBuilder pb = new ProcessBuilder(SYSTEM_PYTHON.toString(), "-B", "-c", check);
                pb.redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD);
                Process p = pb.start();
                ok = p.waitFor(30, java.util.concurrent.TimeUnit.SECONDS) && p.exitValue() == 0;
                p.destroyForcibly();
            } catch (java.io.IOException e) {
                ok = false;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                ok = false;
            }
        }
        return ok;
    }
}
