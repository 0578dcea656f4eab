package io.jenkins.plugins.winrmcredssp.testsupport;

import io.jenkins.plugins.winrmcredssp.protocol.auth.Mechanism;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A throwaway MIT Kerberos realm ({@value #REALM}) under a temporary directory: its own {@code krb5.conf} and
 * {@code kdc.conf}, a KDC on a free non-standard port of 127.0.0.1 (UDP and TCP; clients are told to use TCP),
 * pre-authentication required for every principal as Active Directory does, a user {@value #USER} and a service
 * {@value #SERVICE} whose keys are in {@link #keytab()}. {@link #close()} stops the KDC and deletes the realm.
 *
 * <p>JGSS in the test JVM reads {@link #krb5Conf()} through the {@code java.security.krb5.conf} system property;
 * Python peers get it from {@link #environment()}.
 */
public final class MitKdc implements AutoCloseable {
    public static final String REALM = "EXAMPLE.TEST";
    public static final String USER = "user";
    public static final String USER_PASSWORD = "Passw0rd!";
    /** The service principal's name without realm; GSS host-based form {@code HTTP@localhost}. */
    public static final String SERVICE = "HTTP/localhost";
    public static final String SERVICE_HOST_BASED = "HTTP@localhost";

    private static final Duration TOOL_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration START_TIMEOUT = Duration.ofSeconds(20);
    private static final int START_ATTEMPTS = 3;

    private final TempDirectory dir;
    private final PeerProcess kdc;
    private final int port;

    private MitKdc(TempDirectory dir, PeerProcess kdc, int port) {
        this.dir = dir;
        this.kdc = kdc;
        this.port = port;
    }

    /** Checks that the MIT KDC and its tools are installed (skip locally, fail under CI). */
    public static void requireInstalled() {
        for (String tool : List.of("krb5kdc", "kdb5_util", "kadmin.local")) {
            InteropPeers.requireExecutable(tool, "MIT Kerberos KDC (packages krb5-kdc, krb5-admin-server)");
        }
        InteropPeers.requireExecutable("kinit", "MIT Kerberos clients (package krb5-user)");
    }

    /** Creates the realm with {@value #USER} and {@value #SERVICE} and starts its KDC. */
    public static MitKdc start() throws IOException {
        requireInstalled();
        TempDirectory dir = TempDirectory.create("mit-kdc");
        try {
            List<String> failures = new ArrayList<>();
            for (int attempt = 0; attempt < START_ATTEMPTS; attempt++) {
                int port = FreePorts.allocateTcpAndUdp();
                dir.write("krb5.conf", krb5Conf(port));
                dir.write("kdc.conf", kdcConf(dir.path(), port));
                if (attempt == 0) {
                    createRealm(dir);
                }
                PeerProcess kdc = PeerProcess.start("krb5kdc", withRealm(dir,
                        tool("krb5kdc"), "-n", "-P", dir.resolve("krb5kdc.pid").toString()));
                try {
                    // krb5kdc -n prints nothing when ready; the log file is its only signal, so probe the port
                    awaitListening(kdc, port);
                    return new MitKdc(dir, kdc, port);
                } catch (IOException e) {
                    kdc.close();
                    failures.add(e.getMessage());
                }
            }
            throw new IOException("krb5kdc did not start: " + String.join("\n", failures));
        } catch (IOException | RuntimeException e) {
            dir.close();
            throw e;
        }
    }

    public String realm() {
        return REALM;
    }

    public String kdcHost() {
        return "127.0.0.1";
    }

    public int port() {
        return port;
    }

    public Path krb5Conf() {
        return dir.resolve("krb5.conf");
    }

    /** The keytab holding {@value #SERVICE}'s keys (and those of any {@link #addService service} added later). */
    public Path keytab() {
        return dir.resolve("service.keytab");
    }

    public String userPrincipal() {
        return USER + "@" + REALM;
    }

    public String servicePrincipal() {
        return SERVICE + "@" + REALM;
    }

    /** {@code KRB5_CONFIG} and {@code KRB5_KTNAME} for an MIT Kerberos process using this realm. */
    public Map<String, String> environment() {
        return Map.of("KRB5_CONFIG", krb5Conf().toString(), "KRB5_KTNAME", "FILE:" + keytab());
    }

    /** The KDC's log file (every AS/TGS request with its outcome, e.g. {@code PREAUTH_FAILED}). */
    public String log() throws IOException {
        Path log = dir.resolve("kdc.log");
        return Files.exists(log) ? Files.readString(log) : "";
    }

    /** Adds a user principal ({@code name} without realm) with a password. */
    public void addUser(String name, String password) throws IOException {
        kadmin("addprinc -pw " + password + " " + name + "@" + REALM);
    }

    /** Adds a service principal ({@code name} without realm, e.g. {@code HTTP/host}) with a random key in the keytab. */
    public void addService(String name) throws IOException {
        kadmin("addprinc -randkey " + name + "@" + REALM);
        kadmin("ktadd -k " + keytab() + " " + name + "@" + REALM);
    }

    /** Runs MIT {@code kinit} (password on stdin, a private ticket cache): exit code 0 when the KDC issued a TGT. */
    public PeerProcess.Completed kinit(String principal, String password) throws IOException {
        ProcessBuilder pb = withRealm(dir, tool("kinit"), principal).redirectErrorStream(true);
        pb.environment().put("KRB5CCNAME", "MEMORY:kinit");
        return PeerProcess.run("kinit", pb, password + "\n", TOOL_TIMEOUT);
    }

    /** An MIT GSSAPI acceptor using {@link #keytab()}; {@code mechanism} is Kerberos or SPNEGO. */
    public PythonPeer gssAcceptor(Mechanism mechanism) throws IOException {
        InteropPeers.requirePythonModules("python3-gssapi", "gssapi");
        return PythonPeer.start("MIT GSSAPI " + mechanism.displayName() + " acceptor", mechanism, "gss_peer.py",
                List.of("accept", "--mech", mechArgument(mechanism)), environment(), null);
    }

    /**
     * An MIT GSSAPI initiator that gets its ticket with a password (no ticket cache on disk) and targets
     * {@code targetHostBased} (e.g. {@value #SERVICE_HOST_BASED}) with mutual authentication, integrity and
     * confidentiality.
     */
    public PythonPeer gssInitiator(Mechanism mechanism, String principal, String password, String targetHostBased)
            throws IOException {
        InteropPeers.requirePythonModules("python3-gssapi", "gssapi");
        Map<String, String> env = new HashMap<>(environment());
        env.put("PEER_PASSWORD", password);
        return PythonPeer.start("MIT GSSAPI " + mechanism.displayName() + " initiator", mechanism, "gss_peer.py",
                List.of("initiate", "--mech", mechArgument(mechanism), "--user", principal, "--target",
                        targetHostBased), env, null);
    }

    @Override
    public void close() {
        try {
            kdc.close();
        } finally {
            dir.close();
        }
    }

    @Override
    public String toString() {
        return "MIT KDC for " + REALM + " on 127.0.0.1:" + port;
    }

    static String mechArgument(Mechanism mechanism) {
        return switch (mechanism) {
            case KERBEROS -> "kerberos";
            case SPNEGO -> "spnego";
            case NTLM -> "ntlm";
            default -> throw new IllegalArgumentException("no MIT GSSAPI peer for " + mechanism);
        };
    }

    private void kadmin(String query) throws IOException {
        PeerProcess.runChecked("kadmin.local", withRealm(dir, tool("kadmin.local"), "-q", query), TOOL_TIMEOUT);
    }

    private static void createRealm(TempDirectory dir) throws IOException {
        PeerProcess.runChecked("kdb5_util", withRealm(dir, tool("kdb5_util"), "create", "-s", "-r", REALM, "-P",
                "master-key-of-a-throwaway-realm"), TOOL_TIMEOUT);
        String[][] queries = {
            {"addprinc", "-pw", USER_PASSWORD, USER + "@" + REALM},
            {"addprinc", "-randkey", SERVICE + "@" + REALM},
            {"ktadd", "-k", dir.resolve("service.keytab").toString(), SERVICE + "@" + REALM},
        };
        for (String[] query : queries) {
            PeerProcess.runChecked("kadmin.local", withRealm(dir, tool("kadmin.local"), "-q", String.join(" ", query)),
                    TOOL_TIMEOUT);
        }
    }

    private static void awaitListening(PeerProcess kdc, int port) throws IOException {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (true) {
            if (!kdc.isAlive()) {
                throw new IOException("krb5kdc exited: " + kdc.output());
            }
            try (Socket probe = new Socket()) {
                probe.connect(new InetSocketAddress("127.0.0.1", port), 500);
                return;
            } catch (IOException notYet) {
                if (System.nanoTime() > deadline) {
                    throw new IOException("krb5kdc did not listen on 127.0.0.1:" + port + " within " + START_TIMEOUT);
                }
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted while starting krb5kdc");
            }
        }
    }

    private static String tool(String name) {
        return InteropPeers.requireExecutable(name, "MIT Kerberos").toString();
    }

    private static ProcessBuilder withRealm(TempDirectory dir, String... command) {
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.environment().put("KRB5_CONFIG", dir.resolve("krb5.conf").toString());
        pb.environment().put("KRB5_KDC_PROFILE", dir.resolve("kdc.conf").toString());
        pb.environment().remove("KRB5CCNAME");
        pb.environment().remove("KRB5_KTNAME");
        return pb;
    }

    private static String krb5Conf(int port) {
        return """
                [libdefaults]
                    default_realm = %1$s
                    dns_lookup_kdc = false
                    dns_lookup_realm = false
                    dns_canonicalize_hostname = false
                    rdns = false
                    udp_preference_limit = 1
                    forwardable = true

                [realms]
                    %1$s = {
                        kdc = 127.0.0.1:%2$d
                        admin_server = 127.0.0.1:%2$d
                    }

                [domain_realm]
                    localhost = %1$s
                    .localhost = %1$s
                """.formatted(REALM, port);
    }

    private static String kdcConf(Path dir, int port) {
        return """
                [kdcdefaults]
                    kdc_listen = 127.0.0.1:%2$d
                    kdc_tcp_listen = 127.0.0.1:%2$d

                [realms]
                    %1$s = {
                        database_name = %3$s/principal
                        key_stash_file = %3$s/stash
                        acl_file = %3$s/kadm5.acl
                        kdc_listen = 127.0.0.1:%2$d
                        kdc_tcp_listen = 127.0.0.1:%2$d
                        default_principal_flags = +preauth
                    }

                [logging]
                    kdc = FILE:%3$s/kdc.log
                """.formatted(REALM, port, dir);
    }
}
