package io.jenkins.plugins.winrmcredssp.protocol.transfer;

import io.jenkins.plugins.winrmcredssp.protocol.auth.UserCredentials;
import io.jenkins.plugins.winrmcredssp.protocol.wsman.ShellOptions;
import io.jenkins.plugins.winrmcredssp.protocol.wsman.WinRmShell;
import io.jenkins.plugins.winrmcredssp.protocol.wsman.http.AuthMechanism;
import io.jenkins.plugins.winrmcredssp.protocol.wsman.http.WinRmConnection;
import io.jenkins.plugins.winrmcredssp.protocol.wsman.http.WinRmCredSspClient;
import io.jenkins.plugins.winrmcredssp.protocol.wsman.server.LocalWinRmService;
import java.io.IOException;
import java.time.Duration;

/** A {@link LocalWinRmService} with one CredSSP client connected to it, closed together. */
final class TransferService implements AutoCloseable {
    private static final String PASSWORD = "Passw0rd!";

    final LocalWinRmService service;
    final WinRmCredSspClient client;

    private TransferService(LocalWinRmService service, WinRmCredSspClient client) {
        this.service = service;
        this.client = client;
    }

    static TransferService start() throws IOException {
        LocalWinRmService service = LocalWinRmService.builder().windowsAuthentication(alice()).start();
        try {
            WinRmCredSspClient client = WinRmCredSspClient.connect(WinRmConnection.builder(service.endpoint(), alice())
                    .mechanism(AuthMechanism.NTLM).operationTimeout(Duration.ofSeconds(5))
                    .requestTimeout(Duration.ofSeconds(30)).connectTimeout(Duration.ofSeconds(5)).build());
            return new TransferService(service, client);
        } catch (IOException | RuntimeException e) {
            service.close();
            throw e;
        }
    }

    private static UserCredentials alice() {
        return UserCredentials.parse("EXAMPLE\\alice", PASSWORD.toCharArray());
    }

    WinRmShell shell() throws IOException {
        return client.openShell(ShellOptions.defaults());
    }

    @Override
    public void close() throws IOException {
        try {
            client.close();
        } finally {
            service.close();
        }
    }
}
