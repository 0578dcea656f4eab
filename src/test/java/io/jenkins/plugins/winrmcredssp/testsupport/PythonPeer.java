package io.jenkins.plugins.winrmcredssp.testsupport;

import io.jenkins.plugins.winrmcredssp.protocol.ProtocolException;
import io.jenkins.plugins.winrmcredssp.protocol.auth.Mechanism;
import io.jenkins.plugins.winrmcredssp.protocol.auth.SecurityContext;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * A security context living in an independent Python peer ({@code src/test/resources/interop/*.py}, run by Debian's
 * python3), driven over its stdin/stdout line protocol ({@code interop/lineproto.py}). It implements
 * {@link SecurityContext}, so a test can pair it with one of ours, or with another peer, through the same loop.
 *
 * <p>Every request waits at most {@link #TIMEOUT}. A refusal by the peer is a {@link PeerRejectedException}; a peer
 * that hangs, dies or answers nonsense is an {@link UncheckedIOException}. {@link #close()} stops the process and runs
 * the cleanup given at start (e.g. deleting a users file).
 */
public final class PythonPeer implements SecurityContext {
    public static final Duration TIMEOUT = Duration.ofSeconds(20);

    /** Variables that would point a peer at this machine's Kerberos/NTLM configuration instead of the test's. */
    private static final List<String> INHERITED_VARIABLES_REMOVED = List.of(
            "KRB5_CONFIG", "KRB5_KTNAME", "KRB5_CLIENT_KTNAME", "KRB5CCNAME", "KRB5_KDC_PROFILE", "NTLM_USER_FILE",
            "GSS_MECH_CONFIG", "PYTHONPATH", "PYTHONHOME");

    private final String name;
    private final Mechanism mechanism;
    private final PeerProcess process;
    private final List<AutoCloseable> cleanups = new ArrayList<>();
    private boolean established;

    private PythonPeer(String name, Mechanism mechanism, PeerProcess process, AutoCloseable cleanup) {
        this.name = name;
        this.mechanism = mechanism;
        this.process = process;
        if (cleanup != null) {
            cleanups.add(cleanup);
        }
    }

    /**
     * Starts {@code interop/<script>} with {@code args} and {@code environment} added to a cleaned copy of ours.
     *
     * @param cleanup closed after the process stopped (may be {@code null})
     */
    public static PythonPeer start(String name, Mechanism mechanism, String script, List<String> args,
            Map<String, String> environment, AutoCloseable cleanup) throws IOException {
        List<String> command = new ArrayList<>(List.of(InteropPeers.SYSTEM_PYTHON.toString(), "-B",
                script(script).toString()));
        command.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(command);
        INHERITED_VARIABLES_REMOVED.forEach(pb.environment()::remove);
        pb.environment().put("KRB5CCNAME", "MEMORY:interop");
        pb.environment().put("PYTHONDONTWRITEBYTECODE", "1");
        pb.environment().putAll(environment);
        return new PythonPeer(name, mechanism, PeerProcess.start(name, pb), cleanup);
    }

    /** The path of a peer script among the test resources. */
    public static Path script(String script) {
        URL url = PythonPeer.class.getResource("/interop/" + script);
        if (url == null || !"file".equals(url.getProtocol())) {
            throw new IllegalStateException("interop/" + script + " is not a file among the test resources");
        }
        try {
            return Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public Mechanism mechanism() {
        return mechanism;
    }

    @Override
    public byte[] step(byte[] input) throws ProtocolException {
        String[] reply = call("STEP", input, "CONTINUE", "COMPLETE");
        established = reply[0].equals("COMPLETE");
        return decode(reply[1]);
    }

    @Override
    public boolean isEstablished() {
        return established;
    }

    @Override
    public byte[] wrap(byte[] message) throws ProtocolException {
        return decode(call("WRAP", message, "OK")[1]);
    }

    @Override
    public byte[] unwrap(byte[] token) throws ProtocolException {
        return decode(call("UNWRAP", token, "OK")[1]);
    }

    @Override
    public byte[] getMic(byte[] message) throws ProtocolException {
        return decode(call("MIC", message, "OK")[1]);
    }

    @Override
    public void verifyMic(byte[] message, byte[] mic) throws ProtocolException {
        call("VERIFY " + encode(message) + " " + encode(mic), "OK");
    }

    /** Asks the peer to restart its RC4 seal/sign streams (gss-ntlmssp's GSS_C_NTLMSSP_RESET_CRYPTO option). */
    @Override
    public void resetCryptoState() {
        try {
            call("RESET", "OK");
        } catch (PeerRejectedException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    /**
     * The initiator the acceptor authenticated, as the peer reports it, without the trailing NUL gss-ntlmssp 1.2
     * appends ({@code EXAMPLE\\alice}, {@code user@EXAMPLE.TEST}).
     */
    @Override
    public String peerName() {
        try {
            String peer = new String(decode(call("PEER", "OK")[1]), StandardCharsets.UTF_8);
            return peer.endsWith("\0") ? peer.substring(0, peer.length() - 1) : peer;
        } catch (PeerRejectedException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    /** Adds something to close after the process stopped (e.g. a temporary directory the peer reads); returns this. */
    public PythonPeer alsoOnClose(AutoCloseable cleanup) {
        cleanups.add(cleanup);
        return this;
    }

    /** What the peer printed on stderr so far, for failure messages. */
    public String log() {
        return process.output();
    }

    @Override
    public void close() {
        try {
            if (process.isAlive()) {
                process.writeLine("QUIT");
                process.waitFor(Duration.ofSeconds(5));
            }
        } catch (IOException ignored) {
            // close() below stops it anyway
        } finally {
            process.close();
            for (AutoCloseable cleanup : cleanups) {
                try {
                    cleanup.close();
                } catch (Exception e) {
                    throw new IllegalStateException("cleanup after " + name + " failed", e);
                }
            }
        }
    }

    @Override
    public String toString() {
        return name;
    }

    private String[] call(String verb, byte[] argument, String... expected) throws PeerRejectedException {
        return call(verb + " " + encode(argument), expected);
    }

    private String[] call(String request, String... expected) throws PeerRejectedException {
        String verb = request.split(" ", 2)[0];
        String line;
        try {
            process.writeLine(request);
            line = process.nextLine(TIMEOUT);
        } catch (IOException e) {
            throw new UncheckedIOException(name + " failed during " + verb, e);
        }
        String[] reply = line.split(" ", 2);
        if (reply[0].equals("ERROR")) {
            throw new PeerRejectedException(name, verb, reply.length > 1 ? reply[1] : "");
        }
        if (reply.length != 2 || !List.of(expected).contains(reply[0])) {
            throw new UncheckedIOException(new IOException(name + " answered " + verb + " with '" + line + "'"));
        }
        return reply;
    }

    /** lineproto: base64, {@code -} for none, {@code .} for empty. */
    private static String encode(byte[] data) {
        if (data == null) {
            return "-";
        }
        return data.length == 0 ? "." : Base64.getEncoder().encodeToString(data);
    }

    private static byte[] decode(String value) {
        return switch (value) {
            case "-" -> null;
            case "." -> new byte[0];
            default -> Base64.getDecoder().decode(value);
        };
    }
}
