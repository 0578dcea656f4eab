package io.jenkins.plugins.winrmcredssp.protocol.wsman.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.winrmcredssp.protocol.auth.UserCredentials;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** MS-WSMV shell operations against real processes, over HTTPS with Basic, through raw HTTP requests. */
class ShellOperationsTest {
    private LocalWinRmService service;
    private WsManTestClient client;

    @TempDir
    Path temp;

    @BeforeEach
    void start() throws Exception {
        service = LocalWinRmService.builder().https()
                .authenticator(new BasicAuthenticator(List.of(UserCredentials.parse("EXAMPLE\\alice", "Passw0rd!".toCharArray()))))
                .maxConcurrentCommandsPerShell(2)
                .outputBufferPerStream(16 * 1024)
                .start();
        client = WsManTestClient.basic(service.endpoint(), "EXAMPLE\\alice", "Passw0rd!");
    }

    @AfterEach
    void stop() throws Exception {
        client.close();
        service.close();
        ServiceLeaks.assertNothingLeft(service, List.of());
    }

    @Test
    void workingDirectoryEnvironmentExitCodeAndStderr() throws Exception {
        String shell = client.createShell(temp.toString(), "GREETING", "bonjour");
        String command = client.command(shell, "pwd; echo \"$GREETING\"; echo bad >&2; exit 42");

        WsManTestClient.Output output = client.receiveAll(shell, command);

        assertThat(output.stdout()).isEqualTo(temp.toRealPath() + "\nbonjour\n");
        assertThat(output.stderr()).isEqualTo("bad\n");
        assertThat(output.exitCode()).isEqualTo(42);
    }

    @Test
    void stdinFromSend() throws Exception {
        String shell = client.createShell(null, null, null);
        String command = client.command(shell, "tr a-z A-Z");

        assertThat(client.call(SoapRequests.send(shell, command, "hello ".getBytes(StandardCharsets.UTF_8), false)).status()).isEqualTo(200);
        assertThat(client.call(SoapRequests.send(shell, command, "world".getBytes(StandardCharsets.UTF_8), true)).status()).isEqualTo(200);

        assertThat(client.receiveAll(shell, command)).isEqualTo(new WsManTestClient.Output("HELLO WORLD", "", 0));
    }

    @Test
    void receiveTimesOutWithTheOperationTimeoutFaultThenTerminateKillsTheTree() throws Exception {
        String shell = client.createShell(null, null, null);
        String command = client.command(shell, "sleep 60 & sleep 60; wait");
        long start = System.nanoTime();

        WsManTestClient.Reply reply = client.call(SoapRequests.receive(shell, command, "PT0.5S"));

        assertThat((System.nanoTime() - start) / 1_000_000).isBetween(400L, 5000L);
        assertThat(reply.status()).isEqualTo(500);
        assertThat(reply.wsmanFaultCode()).isEqualTo("2150858793");
        assertThat(reply.text("Value")).isEqualTo("s:Receiver");
        ProcessHandle process = service.shells().liveProcesses().get(0);
        List<ProcessHandle> tree = process.descendants().toList();
        assertThat(tree).hasSize(2);

        assertThat(client.call(SoapRequests.signal(shell, command, "terminate")).status()).isEqualTo(200);

        assertThat(process.isAlive()).isFalse();
        waitUntilDead(tree);
        WsManTestClient.Reply after = client.call(SoapRequests.receive(shell, command, "PT1S"));
        assertThat(after.status()).isEqualTo(500);
        assertThat(after.text("Text")).contains("does not exist");
    }

    @Test
    void terminateAlsoKillsBackgroundJobsLeftBehindLikeAWindowsJobObject() throws Exception {
        String shell = client.createShell(null, null, null);
        String first = client.command(shell, "sleep 60 >/dev/null 2>&1 & echo $!");
        WsManTestClient.Output output = client.receiveAll(shell, first);
        ProcessHandle orphan = ProcessHandle.of(Long.parseLong(output.stdout().trim())).orElseThrow();
        assertThat(ProcessGroups.isRunning(orphan)).as("the background job outlives its shell process").isTrue();

        assertThat(client.call(SoapRequests.signal(shell, first, "terminate")).status()).isEqualTo(200);

        waitUntilDead(List.of(orphan));
        String second = client.command(shell, "sleep 60 >/dev/null 2>&1 & echo $!");
        ProcessHandle leftByUnsignalledCommand = ProcessHandle.of(Long.parseLong(client.receiveAll(shell, second).stdout().trim()))
                .orElseThrow();
        service.close();
        waitUntilDead(List.of(leftByUnsignalledCommand));
    }

    @Test
    void unknownShellFaults() throws Exception {
        WsManTestClient.Reply reply = client.call(SoapRequests.command("5C0DB1C4-0000-0000-0000-000000000000", "true"));

        assertThat(reply.status()).isEqualTo(500);
        assertThat(reply.wsmanFaultCode()).isEqualTo("2150858843");
        assertThat(reply.text("Text")).contains("5C0DB1C4-0000-0000-0000-000000000000");
    }

    @Test
    void tooManyCommandsInOneShellFaults() throws Exception {
        String shell = client.createShell(null, null, null);
        client.command(shell, "sleep 30");
        client.command(shell, "sleep 30");

        WsManTestClient.Reply third = client.call(SoapRequests.command(shell, "sleep 30"));

        assertThat(third.status()).isEqualTo(500);
        assertThat(third.wsmanFaultCode()).isEqualTo("2150859174");
        assertThat(service.shells().liveProcesses()).hasSize(2);
    }

    @Test
    void missingWorkingDirectoryFaultsAtCommand() throws Exception {
        String shell = client.createShell(temp.resolve("absent").toString(), null, null);

        WsManTestClient.Reply reply = client.call(SoapRequests.command(shell, "true"));

        assertThat(reply.status()).isEqualTo(500);
        assertThat(reply.wsmanFaultCode()).isEqualTo("2147942667");
    }

    @Test
    void deleteTerminatesCommandsAndIsRecorded() throws Exception {
        String shell = client.createShell(null, null, null);
        client.command(shell, "sleep 60");
        assertThat(service.shells().openShellIds()).containsExactly(shell);

        WsManTestClient.Reply reply = client.call(SoapRequests.delete(shell));

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.text("Action")).isEqualTo("http://schemas.xmlsoap.org/ws/2004/09/transfer/DeleteResponse");
        assertThat(service.shells().openShellIds()).isEmpty();
        assertThat(service.shells().deletedShellIds()).containsExactly(shell);
        assertThat(service.shells().liveProcesses()).isEmpty();
        assertThat(client.call(SoapRequests.delete(shell)).wsmanFaultCode()).isEqualTo("2150858843");
    }

    @Test
    void largeOutputStreamsWithBackpressure() throws Exception {
        int size = 3 * 1024 * 1024;
        String shell = client.createShell(null, null, null);
        String command = client.command(shell, "head -c " + size + " /dev/zero | tr '\\0' x");
        Thread.sleep(500);
        ProcessHandle process = service.shells().startedProcesses().get(0);
        assertThat(process.isAlive()).as("the writer blocks on its pipe until Receives drain the output").isTrue();

        WsManTestClient.Output output = client.receiveAll(shell, command);

        assertThat(output.stdout()).hasSize(size).matches("x+");
        assertThat(output.exitCode()).isZero();
    }

    @Test
    void relatesToEchoesTheRequestMessageId() throws Exception {
        byte[] request = SoapRequests.create(null, null, null);
        String messageId = new String(request, StandardCharsets.UTF_8).replaceAll("(?s).*<a:MessageID>([^<]*)</a:MessageID>.*", "$1");

        WsManTestClient.Reply reply = client.call(request);

        assertThat(reply.text("RelatesTo")).isEqualTo(messageId);
        assertThat(reply.text("Action")).isEqualTo("http://schemas.xmlsoap.org/ws/2004/09/transfer/CreateResponse");
        assertThat(reply.text("ResourceURI")).isEqualTo(SoapRequests.CMD);
    }

    @Test
    void malformedAndHostileXmlIsRefusedWithASoapFault() throws Exception {
        Path secret = Files.writeString(temp.resolve("secret.txt"), "TOP-SECRET");
        String xxe = "<?xml version=\"1.0\"?><!DOCTYPE e [<!ENTITY x SYSTEM \"" + secret.toUri() + "\">]>"
                + "<env:Envelope xmlns:env=\"http://www.w3.org/2003/05/soap-envelope\"><env:Header/><env:Body>&x;</env:Body></env:Envelope>";

        for (String body : List.of("<not-xml", xxe, "<a/>")) {
            WsManTestClient.Reply reply = client.call(body.getBytes(StandardCharsets.UTF_8));
            assertThat(reply.status()).isEqualTo(500);
            assertThat(reply.text("Value")).isEqualTo("s:Sender");
            assertThat(reply.text("Text")).doesNotContain("TOP-SECRET");
        }
    }

    @Test
    void closeKillsProcessesAndStopsThreads() throws Exception {
        String shell = client.createShell(null, null, null);
        client.command(shell, "sleep 60 & sleep 60; wait");
        Thread.sleep(200);
        List<ProcessHandle> children = new ArrayList<>();
        service.shells().liveProcesses().forEach(p -> children.addAll(p.descendants().toList()));
        assertThat(children).isNotEmpty();

        service.close();

        ServiceLeaks.assertNothingLeft(service, children);
    }

    private static void waitUntilDead(List<ProcessHandle> processes) throws InterruptedException {
        ProcessGroups.awaitExit(processes, 5000);
        assertThat(processes.stream().filter(ProcessGroups::isRunning).toList()).isEmpty();
    }
}
