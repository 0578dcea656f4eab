package io.jenkins.plugins.winrmcredssp.testsupport;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * FreeRDP 2's shadow server as an independent CredSSP acceptor (MS-CSSP version 6, NLA): a SAM file written with
 * {@code winpr-hash}, a private Xvfb display, and {@code freerdp-shadow-cli /sec:nla -auth} on a free port of
 * 127.0.0.1. Its debug log is captured so tests can assert how it judged a client ({@link #CREDENTIALS_RECEIVED}).
 * {@link #close()} stops the server and the display and deletes the files.
 *
 * <p>Clients reach it through {@link RdpNlaTransport} (X.224 prelude, then raw TLS records).
 */
public final class FreeRdpShadowServer implements AutoCloseable {
    /** Logged when a client finished CredSSP and delegated its credentials (TSCredentials decrypted). */
    public static final String CREDENTIALS_RECEIVED = "Receive Encryption Credentials";
    /** Logged for a wrong password (the NTLM MIC cannot verify). */
    public static final String MIC_VERIFICATION_FAILED = "Message Integrity Check (MIC) verification failed";
    /** Logged for a user missing from the SAM file (or bound to another domain). */
    public static final String UNKNOWN_USER = "Could not find user in SAM database";

    /** Accepted with any domain (SAM line without domain). */
    public static final SamAccount ALICE = new SamAccount("alice", "", "Passw0rd!");
    /** Accepted only with domain {@code EXAMPLE}. */
    public static final SamAccount BOB = new SamAccount("bob", "EXAMPLE", "Secr3t!");

    private static final String HOST = "127.0.0.1";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(20);
    private static final Duration TOOL_TIMEOUT = Duration.ofSeconds(30);
    private static final int START_ATTEMPTS = 3;

    private final TempDirectory dir;
    private final Xvfb xvfb;
    private final PeerProcess server;
    private final int port;

    private FreeRdpShadowServer(TempDirectory dir, Xvfb xvfb, PeerProcess server, int port) {
        this.dir = dir;
        this.xvfb = xvfb;
        this.server = server;
        this.port = port;
    }

    /** One SAM entry; an empty domain matches any domain the client sends. */
    public record SamAccount(String user, String domain, String password) {
        public SamAccount {
            Objects.requireNonNull(user, "user");
            Objects.requireNonNull(domain, "domain");
            Objects.requireNonNull(password, "password");
        }

        @Override
        public String toString() {
            return domain.isEmpty() ? user : domain + "\\" + user;
        }
    }

    /** Checks that FreeRDP's server, client and hash tool and Xvfb are installed (skip locally, fail under CI). */
    public static void requireInstalled() {
        InteropPeers.requireExecutable("freerdp-shadow-cli", "FreeRDP shadow server (package freerdp2-shadow-x11)");
        InteropPeers.requireExecutable("winpr-hash", "winpr-hash (package winpr-utils)");
        InteropPeers.requireExecutable("xfreerdp", "FreeRDP client (package freerdp2-x11)");
        InteropPeers.requireExecutable("Xvfb", "Xvfb (package xvfb)");
    }

    /** Starts a server knowing {@link #ALICE} and {@link #BOB}. */
    public static FreeRdpShadowServer start() throws IOException {
        return start(List.of(ALICE, BOB));
    }

    public static FreeRdpShadowServer start(List<SamAccount> accounts) throws IOException {
        requireInstalled();
        TempDirectory dir = TempDirectory.create("freerdp-shadow");
        Xvfb xvfb = null;
        try {
            Path sam = dir.write("sam", samFile(accounts));
            dir.createDirectory("home");
            xvfb = Xvfb.start();
            List<String> failures = new ArrayList<>();
            for (int attempt = 0; attempt < START_ATTEMPTS; attempt++) {
                int port = FreePorts.allocate();
                PeerProcess server = PeerProcess.start("freerdp-shadow-cli", serverCommand(dir, xvfb, sam, port));
                try {
                    server.awaitOutput("Listening on", START_TIMEOUT);
                    return new FreeRdpShadowServer(dir, xvfb, server, port);
                } catch (IOException e) {
                    server.close();
                    failures.add(e.getMessage());
                }
            }
            throw new IOException("freerdp-shadow-cli did not start: " + String.join("\n", failures));
        } catch (IOException | RuntimeException e) {
            if (xvfb != null) {
                xvfb.close();
            }
            dir.close();
            throw e;
        }
    }

    public String host() {
        return HOST;
    }

    public int port() {
        return port;
    }

    /** The X display the server shadows (also right for running {@code xfreerdp}). */
    public String display() {
        return xvfb.display();
    }

    public Path samFile() {
        return dir.resolve("sam");
    }

    /** The server's log so far (stdout and stderr, {@code WLOG_LEVEL=DEBUG}). */
    public String log() {
        return server.output();
    }

    public boolean logContains(String text) {
        return server.outputContains(text);
    }

    /** Waits, bounded, until the server has logged {@code text} (the log lags the client by a few milliseconds). */
    public void awaitLog(String text, Duration timeout) throws IOException {
        server.awaitOutput(text, timeout);
    }

    /**
     * The current end of the log: pass it to {@link #awaitLog(String, int, Duration)} to look only at what one
     * client caused when several share a server.
     */
    public int logMark() {
        return server.outputLength();
    }

    /** Waits, bounded, until the server has logged {@code text} after {@code mark} (from {@link #logMark()}). */
    public void awaitLog(String text, int mark, Duration timeout) throws IOException {
        server.awaitOutput(text, mark, timeout);
    }

    /** The log written after {@code mark} (from {@link #logMark()}). */
    public String logSince(int mark) {
        return server.output().substring(mark);
    }

    /**
     * Runs FreeRDP's own client against this server, authentication only ({@code +auth-only}, NLA, certificate
     * ignored): exit code 0 when the server accepted the credentials.
     *
     * @param domain empty for none
     */
    public PeerProcess.Completed runReferenceClient(String user, String domain, String password) throws IOException {
        List<String> command = new ArrayList<>(List.of(
                InteropPeers.requireExecutable("xfreerdp", "FreeRDP client").toString(),
                "/v:" + HOST + ":" + port, "/u:" + user, "/p:" + password, "/sec:nla", "+auth-only", "/cert:ignore"));
        if (!domain.isEmpty()) {
            command.add("/d:" + domain);
        }
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        pb.environment().put("DISPLAY", xvfb.display());
        pb.environment().put("HOME", dir.resolve("home").toString());
        return PeerProcess.run("xfreerdp", pb, TOOL_TIMEOUT);
    }

    @Override
    public void close() {
        try {
            server.close();
        } finally {
            try {
                xvfb.close();
            } finally {
                dir.close();
            }
        }
    }

    @Override
    public String toString() {
        return "FreeRDP shadow server " + HOST + ":" + port;
    }

    private static String samFile(List<SamAccount> accounts) throws IOException {
        String winprHash = InteropPeers.requireExecutable("winpr-hash", "winpr-hash (package winpr-utils)").toString();
        StringBuilder sam = new StringBuilder();
        for (SamAccount account : accounts) {
            List<String> command = new ArrayList<>(List.of(winprHash, "-u", account.user(), "-p", account.password()));
            if (!account.domain().isEmpty()) {
                command.addAll(List.of("-d", account.domain()));
            }
            command.addAll(List.of("-f", "sam"));
            String line = PeerProcess.runChecked("winpr-hash", new ProcessBuilder(command), TOOL_TIMEOUT).strip();
            if (!line.startsWith(account.user() + ":")) {
                throw new IOException("winpr-hash printed an unexpected SAM line for " + account);
            }
            sam.append(line).append('\n');
        }
        return sam.toString();
    }

    private static ProcessBuilder serverCommand(TempDirectory dir, Xvfb xvfb, Path sam, int port) {
        String shadow = InteropPeers.requireExecutable("freerdp-shadow-cli", "FreeRDP shadow server").toString();
        // stdbuf: line-buffered output, so "Listening on" and the NLA log lines arrive as they happen
        ProcessBuilder pb = new ProcessBuilder("stdbuf", "-oL", "-eL", shadow, "/port:" + port,
                "/bind-address:" + HOST, "/sec:nla", "-auth", "/sam-file:" + sam);
        pb.environment().put("DISPLAY", xvfb.display());
        pb.environment().put("HOME", dir.resolve("home").toString());
        pb.environment().put("WLOG_LEVEL", "DEBUG");
        return pb;
    }
}
