package io.jenkins.plugins.winrmcredssp.protocol.wsman.server;

import io.jenkins.plugins.winrmcredssp.protocol.auth.UserCredentials;
import java.io.IOException;
import java.io.PrintStream;
import java.util.concurrent.CountDownLatch;

/**
 * Runs an HTTP and an HTTPS {@link LocalWinRmService} on loopback until interrupted (Ctrl-C), for demos:
 * {@code LocalWinRmServiceMain <user> [httpPort] [httpsPort]} with the password in {@code $WINRM_PASSWORD} (never on
 * the command line). Both offer Negotiate, CredSSP and, on HTTPS, Basic; commands run as local {@code /bin/sh}.
 */
public final class LocalWinRmServiceMain {
    private LocalWinRmServiceMain() {
    }

    public static void main(String[] args) throws IOException, InterruptedException {
        PrintStream out = System.out;
        String password = System.getenv("WINRM_PASSWORD");
        if (args.length < 1 || args.length > 3 || password == null || password.isEmpty()) {
            System.err.println("usage: WINRM_PASSWORD=... LocalWinRmServiceMain <DOMAIN\\user|user> [httpPort] [httpsPort]");
            System.exit(2);
            return;
        }
        UserCredentials account = UserCredentials.parse(args[0], password.toCharArray());
        int httpPort = args.length > 1 ? Integer.parseInt(args[1]) : 0;
        int httpsPort = args.length > 2 ? Integer.parseInt(args[2]) : 0;
        LocalWinRmService http = LocalWinRmService.builder().port(httpPort).windowsAuthentication(account).start();
        LocalWinRmService https = LocalWinRmService.builder().https().port(httpsPort).windowsAuthentication(account).start();
        account.destroy();
        // the JVM waits for shutdown hooks, so the services kill their processes before it exits
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            https.close();
            http.close();
        }, "local-winrm-main-shutdown"));
        out.println("WinRM (HTTP, Negotiate/CredSSP with message encryption): " + http.endpoint());
        out.println("WinRM (HTTPS, self-signed, Basic/Negotiate/CredSSP):     " + https.endpoint());
        out.println("Account: " + account.displayName() + "; Ctrl-C stops both.");
        out.flush();
        new CountDownLatch(1).await();
    }
}
