package io.jenkins.plugins.winrmcredssp.testsupport;

import io.jenkins.plugins.winrmcredssp.protocol.ProtocolException;
import io.jenkins.plugins.winrmcredssp.protocol.auth.Mechanism;
import io.jenkins.plugins.winrmcredssp.protocol.auth.SecurityContext;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;

/**
 * Samba's {@code ntlm_auth} as an independent NTLM acceptor that checks one account's password, through Squid's
 * helper protocol ({@code --helper-protocol=squid-2.5-ntlmssp}: {@code YR <negotiate>} answered by
 * {@code TT <challenge>}, {@code KK <authenticate>} answered by {@code AF DOMAIN\\user} or {@code NA <NTSTATUS>}).
 * It runs with a private smb.conf and state directories, no daemon. It authenticates only: the helper protocol offers
 * no message protection, so {@link #wrap} and the like refuse.
 */
public final class SambaNtlmAcceptor implements SecurityContext {
    private static final Duration TIMEOUT = Duration.ofSeconds(20);

    private final TempDirectory dir;
    private final PeerProcess process;
    private boolean challengeSent;
    private boolean established;
    private String peerName;

    private SambaNtlmAcceptor(TempDirectory dir, PeerProcess process) {
        this.dir = dir;
        this.process = process;
    }

    public static void requireInstalled() {
        InteropPeers.requireExecutable("ntlm_auth", "Samba ntlm_auth (package winbind)");
    }

    /** Starts {@code ntlm_auth} accepting {@code account} (its domain is also the workgroup). */
    public static SambaNtlmAcceptor start(NtlmTestUser account) throws IOException {
        requireInstalled();
        TempDirectory dir = TempDirectory.create("samba-ntlm-auth");
        try {
            Path conf = dir.write("smb.conf", smbConf(dir, account.domain()));
            // the password is a throwaway test secret; ntlm_auth takes it only on its command line
            ProcessBuilder pb = new ProcessBuilder(
                    InteropPeers.requireExecutable("ntlm_auth", "Samba ntlm_auth").toString(),
                    "--configfile=" + conf, "--helper-protocol=squid-2.5-ntlmssp",
                    "--username=" + account.user(), "--domain=" + account.domain(), "--password=" + account.password());
            return new SambaNtlmAcceptor(dir, PeerProcess.start("Samba ntlm_auth", pb));
        } catch (IOException | RuntimeException e) {
            dir.close();
            throw e;
        }
    }

    @Override
    public Mechanism mechanism() {
        return Mechanism.NTLM;
    }

    /** NEGOTIATE in, CHALLENGE out; then AUTHENTICATE in, {@code null} out when Samba accepted it. */
    @Override
    public byte[] step(byte[] input) throws ProtocolException {
        if (input == null || established) {
            throw new IllegalStateException("an acceptor needs a token, and nothing follows AUTHENTICATE");
        }
        String verb = challengeSent ? "KK" : "YR";
        String reply = call(verb + " " + Base64.getEncoder().encodeToString(input));
        String[] parts = reply.split(" ", 2);
        String argument = parts.length > 1 ? parts[1] : "";
        switch (parts[0]) {
            case "TT" -> {
                challengeSent = true;
                return Base64.getDecoder().decode(argument);
            }
            case "AF" -> {
                established = true;
                peerName = argument;
                return null;
            }
            case "NA", "BH" -> throw new PeerRejectedException("Samba ntlm_auth", verb.equals("YR") ? "NEGOTIATE"
                    : "AUTHENTICATE", argument);
            default -> throw new UncheckedIOException(new IOException("Samba ntlm_auth answered '" + reply + "'"));
        }
    }

    @Override
    public boolean isEstablished() {
        return established;
    }

    /** {@code DOMAIN\\user} as Samba reported it in {@code AF}. */
    @Override
    public String peerName() {
        return peerName;
    }

    @Override
    public byte[] wrap(byte[] message) throws ProtocolException {
        throw unsupported("wrap");
    }

    @Override
    public byte[] unwrap(byte[] token) throws ProtocolException {
        throw unsupported("unwrap");
    }

    @Override
    public byte[] getMic(byte[] message) throws ProtocolException {
        throw unsupported("getMic");
    }

    @Override
    public void verifyMic(byte[] message, byte[] mic) throws ProtocolException {
        throw unsupported("verifyMic");
    }

    /** What ntlm_auth printed, stderr included (e.g. {@code GENSEC login failed}). */
    public String log() {
        return process.output();
    }

    @Override
    public void close() {
        try {
            process.close();
        } finally {
            dir.close();
        }
    }

    @Override
    public String toString() {
        return "Samba ntlm_auth";
    }

    private String call(String request) {
        try {
            process.writeLine(request);
            return process.nextLine(TIMEOUT);
        } catch (IOException e) {
            throw new UncheckedIOException("Samba ntlm_auth failed", e);
        }
    }

    private static PeerRejectedException unsupported(String operation) {
        return new PeerRejectedException("Samba ntlm_auth", operation, "the squid helper protocol offers no "
                + "message protection");
    }

    private static String smbConf(TempDirectory dir, String workgroup) throws IOException {
        StringBuilder conf = new StringBuilder("[global]\n")
                .append("    workgroup = ").append(workgroup).append('\n')
                .append("    netbios name = INTEROP\n")
                .append("    security = user\n")
                .append("    log level = 1\n")
                .append("    log file = ").append(dir.resolve("log")).append('\n');
        for (String setting : new String[] {"lock directory", "state directory", "cache directory", "private dir",
            "pid directory", "ncalrpc dir"}) {
            conf.append("    ").append(setting).append(" = ")
                    .append(dir.createDirectory(setting.replace(' ', '-'))).append('\n');
        }
        return conf.toString();
    }
}
