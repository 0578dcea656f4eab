package io.jenkins.plugins.winrmcredssp.protocol.kerberos;

import io.jenkins.plugins.winrmcredssp.testsupport.FreePorts;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.kerby.kerberos.kerb.KrbException;
import org.apache.kerby.kerberos.kerb.server.KdcConfigKey;
import org.apache.kerby.kerberos.kerb.server.SimpleKdcServer;

/**
 * An Apache Kerby KDC inside the test JVM on 127.0.0.1 (TCP only), one per test class. Kerby's own
 * {@code init()} points {@code java.security.krb5.conf} at a file of its own; that is undone at once, and the test
 * gets the krb5.conf the class writes with {@link #writeKrb5Conf(String)} instead, to select through
 * {@link KerberosSettings#withKrb5Conf(Path)} (and {@link Krb5Config#release()} in {@code @AfterAll}).
 */
final class KerbyKdc implements AutoCloseable {
    final String realm;
    final Path dir;
    final int port;
    private final SimpleKdcServer server;

    private KerbyKdc(String realm, Path dir, int port, SimpleKdcServer server) {
        this.realm = realm;
        this.dir = dir;
        this.port = port;
        this.server = server;
    }

    static KerbyKdc start(String realm, Path dir) throws KrbException, IOException {
        int port = FreePorts.allocate();
        SimpleKdcServer server = new SimpleKdcServer();
        server.setWorkDir(dir.toFile());
        server.setKdcRealm(realm);
        server.setKdcHost("127.0.0.1");
        server.setAllowUdp(false);
        server.setAllowTcp(true);
        server.setKdcTcpPort(port);
        // Like Active Directory: no AS reply without encrypted-timestamp pre-authentication (RFC 4120 §5.2.7.2).
        server.getKdcConfig().setBoolean(KdcConfigKey.PREAUTH_REQUIRED, true);
        server.getKdcConfig().setBoolean(KdcConfigKey.PA_ENC_TIMESTAMP_REQUIRED, true);
        String before = System.getProperty(Krb5Config.PROPERTY);
        try {
            server.init();
        } finally {
            if (before == null) {
                System.clearProperty(Krb5Config.PROPERTY);
            } else {
                System.setProperty(Krb5Config.PROPERTY, before);
            }
        }
        server.start();
        return new KerbyKdc(realm, dir, port, server);
    }

    void addUser(String name, String password) throws KrbException {
        server.createPrincipal(name + "@" + realm, password);
    }

    /** Creates service principals with random keys and exports them to the keytab {@code keytabName}. */
    Path addServices(String keytabName, String... principals) throws KrbException {
        Path keytab = dir.resolve(keytabName);
        for (String principal : principals) {
            server.createPrincipal(principal + "@" + realm);
        }
        for (String principal : principals) {
            server.exportPrincipal(principal + "@" + realm, keytab.toFile());
        }
        return keytab;
    }

    /** Gives {@code principal} new keys (a new key version), leaving keytabs exported before out of date. */
    void rekey(String principal) throws KrbException {
        server.getKadmin().updateKeys(principal + "@" + realm);
    }

    /**
     * Writes a krb5.conf naming this KDC (default realm, TCP only, short timeouts so failures return quickly) plus
     * {@code extraRealms}, lines inside {@code [realms]}.
     */
    Path writeKrb5Conf(String extraRealms) throws IOException {
        Path conf = dir.resolve("krb5.conf");
        Files.writeString(conf, "[libdefaults]\n"
                + "  default_realm = " + realm + "\n"
                + "  udp_preference_limit = 1\n"
                + "  kdc_timeout = 1s\n"
                + "  max_retries = 2\n"
                + "  dns_lookup_kdc = false\n"
                + "  dns_lookup_realm = false\n"
                + "  dns_canonicalize_hostname = false\n"
                + "  rdns = false\n"
                + "[realms]\n"
                + "  " + realm + " = {\n    kdc = 127.0.0.1:" + port + "\n  }\n"
                + extraRealms);
        return conf;
    }

    @Override
    public void close() throws KrbException {
        server.stop();
    }
}
