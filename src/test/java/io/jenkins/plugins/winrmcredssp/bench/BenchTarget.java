package io.jenkins.plugins.winrmcredssp.bench;

import io.jenkins.plugins.winrmcredssp.protocol.auth.UserCredentials;
import io.jenkins.plugins.winrmcredssp.protocol.wsman.http.AuthMechanism;
import io.jenkins.plugins.winrmcredssp.protocol.wsman.http.WinRmConnection;
import io.jenkins.plugins.winrmcredssp.protocol.wsman.http.WinRmCredSspClient;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What an end-to-end runner measures against: {@code <endpoint> <DOMAIN\\user> [key=value...]} from its command line,
 * the password from {@code $WINRM_PASSWORD}.
 */
record BenchTarget(URI endpoint, String user, String password, Map<String, String> options) {

    /** Parses the command line, or prints the usage and exits with status 2. */
    static BenchTarget fromArgs(String runner, String[] args) {
        String password = System.getenv("WINRM_PASSWORD");
        if (args.length < 2 || password == null || password.isEmpty()) {
            System.err.println("usage: WINRM_PASSWORD=... " + runner + " <endpoint> <DOMAIN\\user> [key=value...]");
            System.exit(2);
        }
        Map<String, String> options = new LinkedHashMap<>();
        for (int i = 2; i < args.length; i++) {
            String[] kv = args[i].split("=", 2);
            if (kv.length != 2) {
                throw new IllegalArgumentException("expected key=value, got " + args[i]);
            }
            options.put(kv[0], kv[1]);
        }
        return new BenchTarget(URI.create(args[0]), args[1], password, options);
    }

    long option(String key, long defaultValue) {
        return Long.parseLong(options.getOrDefault(key, Long.toString(defaultValue)));
    }

    /** A new client (CredSSP with NTLM inside, HTTP with message encryption). */
    WinRmCredSspClient connect(Duration operationTimeout) throws IOException {
        UserCredentials credentials = UserCredentials.parse(user, password.toCharArray());
        return WinRmCredSspClient.connect(WinRmConnection.builder(endpoint, credentials)
                .mechanism(AuthMechanism.NTLM).operationTimeout(operationTimeout).build());
    }

    /** Fails unless the benchmark command exited with 0. */
    static void check(int exit) throws IOException {
        if (exit != 0) {
            throw new IOException("the benchmark command exited with " + exit);
        }
    }

    @Override
    public String toString() {
        return "BenchTarget[" + endpoint + ", " + user + "]";
    }
}
