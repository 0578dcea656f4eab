package io.jenkins.plugins.winrmcredssp.testsupport;

import io.jenkins.plugins.winrmcredssp.protocol.auth.Mechanism;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Independent NTLM (MS-NLMP) peers as {@link PythonPeer}s: gss-ntlmssp 1.2 through MIT GSSAPI (acceptor and
 * initiator; NTLMv2, MIC, sealing both ways) and python3-ntlm-auth 1.4 (initiator only; NTLMv2, MIC, seal). Samba's
 * acceptor is {@link SambaNtlmAcceptor}. Each factory skips the test locally, or fails it under CI, when the peer is
 * missing.
 */
public final class NtlmPeers {
    private static final String NTLM_OID = Mechanism.NTLM.oid();

    private NtlmPeers() {
    }

    /** python3-gssapi with the gss-ntlmssp mechanism registered in MIT GSSAPI. */
    public static void requireGssNtlmssp() {
        InteropPeers.requirePython("gss-ntlmssp through python3-gssapi (packages gss-ntlmssp, python3-gssapi)",
                "import gssapi, sys; sys.exit(gssapi.OID.from_int_seq('" + NTLM_OID
                        + "') not in gssapi.raw.indicate_mechs())");
    }

    public static void requireNtlmAuth() {
        InteropPeers.requirePythonModules("python3-ntlm-auth",
                "cryptography.hazmat.bindings.openssl.binding", "ntlm_auth.ntlm");
    }

    /**
     * A gss-ntlmssp acceptor knowing {@code accounts} (a users file in a temporary directory, removed on close).
     * Its {@link PythonPeer#peerName()} is {@code DOMAIN\\user} as the users file spells it.
     */
    public static PythonPeer gssAcceptor(NtlmTestUser... accounts) throws IOException {
        return acceptor("gss-ntlmssp acceptor", Mechanism.NTLM, "ntlm", accounts);
    }

    private static PythonPeer acceptor(String name, Mechanism mechanism, String mechArgument,
            NtlmTestUser... accounts) throws IOException {
        requireGssNtlmssp();
        return withUsersFile(accounts, file -> PythonPeer.start(name, mechanism, "gss_peer.py",
                List.of("accept", "--mech", mechArgument), Map.of("NTLM_USER_FILE", file), null));
    }

    /** A gss-ntlmssp users file in a temporary directory, deleted when the peer started with it closes. */
    private static PythonPeer withUsersFile(NtlmTestUser[] accounts, PeerStarter starter) throws IOException {
        TempDirectory dir = TempDirectory.create("gss-ntlmssp");
        try {
            String users = List.of(accounts).stream()
                    .map(a -> a.domain() + ":" + a.user() + ":" + a.password())
                    .collect(Collectors.joining("\n", "", "\n"));
            PythonPeer peer = starter.start(dir.write("ntlm_users", users).toString());
            return peer.alsoOnClose(dir);
        } catch (IOException | RuntimeException e) {
            dir.close();
            throw e;
        }
    }

    @FunctionalInterface
    private interface PeerStarter {
        PythonPeer start(String usersFile) throws IOException;
    }

    /** A gss-ntlmssp initiator authenticating as {@code DOMAIN\\user} to {@code HTTP@localhost}. */
    public static PythonPeer gssInitiator(NtlmTestUser account) throws IOException {
        requireGssNtlmssp();
        return PythonPeer.start("gss-ntlmssp initiator", Mechanism.NTLM, "gss_peer.py",
                List.of("initiate", "--mech", "ntlm", "--user", account.downLevelName(), "--target", "HTTP@localhost"),
                Map.of("PEER_PASSWORD", account.password()), null);
    }

    /**
     * MIT's SPNEGO acceptor (RFC 4178) over gss-ntlmssp, knowing {@code accounts}: it selects NTLM and exchanges
     * mechListMIC, so the exchange takes four tokens.
     */
    public static PythonPeer gssSpnegoAcceptor(NtlmTestUser... accounts) throws IOException {
        return acceptor("MIT SPNEGO/gss-ntlmssp acceptor", Mechanism.SPNEGO, "spnego", accounts);
    }

    /**
     * MIT's SPNEGO initiator offering only gss-ntlmssp (password credentials for NTLM only). Under SPNEGO gss-ntlmssp
     * adds the AUTHENTICATE MIC, and both sides exchange mechListMIC and then reset their RC4 states.
     */
    public static PythonPeer gssSpnegoInitiator(NtlmTestUser account) throws IOException {
        requireGssNtlmssp();
        // MIT's SPNEGO finds no NTLM mechanism to offer unless NTLM_USER_FILE names a file, password credentials or not
        return withUsersFile(new NtlmTestUser[] {account}, file -> PythonPeer.start("MIT SPNEGO/gss-ntlmssp initiator",
                Mechanism.SPNEGO, "gss_peer.py",
                List.of("initiate", "--mech", "spnego", "--inner", "ntlm", "--user", account.downLevelName(),
                        "--target", "HTTP@localhost"),
                Map.of("PEER_PASSWORD", account.password(), "NTLM_USER_FILE", file), null));
    }

    /** A python3-ntlm-auth initiator (NTLMv2, compatibility level 3, workstation {@code INTEROP}). */
    public static PythonPeer ntlmAuthInitiator(NtlmTestUser account) throws IOException {
        requireNtlmAuth();
        return PythonPeer.start("python3-ntlm-auth initiator", Mechanism.NTLM, "ntlm_auth_initiator.py",
                List.of("--user", account.user(), "--domain", account.domain()),
                Map.of("PEER_PASSWORD", account.password()), null);
    }
}
