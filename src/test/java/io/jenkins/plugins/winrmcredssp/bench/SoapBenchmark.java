package io.jenkins.plugins.winrmcredssp.bench;

import io.jenkins.plugins.winrmcredssp.protocol.wsman.CommandResponse;
import io.jenkins.plugins.winrmcredssp.protocol.wsman.RemoteCommand;
import io.jenkins.plugins.winrmcredssp.protocol.wsman.WsmanNamespaces;
import io.jenkins.plugins.winrmcredssp.protocol.wsman.WsmanRequest;
import io.jenkins.plugins.winrmcredssp.protocol.wsman.WsmanRequestBuilder;
import io.jenkins.plugins.winrmcredssp.protocol.wsman.WsmanSettings;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The SOAP work of each WinRM request ([MS-WSMV] 3.1.4): building the Command, Receive and Send (16 KiB of stdin)
 * envelopes with {@link WsmanRequestBuilder}, and parsing a Command response (the smallest SoapResponse). The Receive
 * response with output is {@link ReceiveResponseBenchmark}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
public class SoapBenchmark {
    static final String COMMAND_ID = "11111111-1111-1111-1111-111111111114";
    /** The MessageID of the request the responses relate to. */
    static final String REQUEST_ID = "uuid:11111111-1111-1111-1111-111111111111";
    private static final String SHELL_ID = "B3F1E0C4-5D6A-4E7B-8C9D-0A1B2C3D4E5F";

    private WsmanRequestBuilder builder;
    private RemoteCommand command;
    private byte[] stdin;
    private WsmanRequest request;
    private byte[] commandResponse;

    @Setup
    public void prepare() {
        long[] counter = {0};
        builder = new WsmanRequestBuilder(WsmanSettings.defaults("http://127.0.0.1:5985/wsman"),
                () -> new UUID(0x1111_1111_1111_1111L, counter[0]++));
        command = RemoteCommand.of("cmd.exe", "/c", "dir C:\\Windows\\System32 /s");
        stdin = BenchContexts.text(16 * 1024, 7);
        request = new WsmanRequest(WsmanNamespaces.ACTION_COMMAND, REQUEST_ID, new byte[0]);
        commandResponse = envelope(WsmanNamespaces.ACTION_COMMAND + "Response",
                "<rsp:CommandResponse><rsp:CommandId>" + COMMAND_ID + "</rsp:CommandId></rsp:CommandResponse>");
    }

    @Benchmark
    public WsmanRequest commandEnvelope() {
        return builder.command(SHELL_ID, command);
    }

    @Benchmark
    public WsmanRequest receiveEnvelope() {
        return builder.receive(SHELL_ID, COMMAND_ID);
    }

    /** A Send of 16 KiB of stdin (base64 in the envelope). */
    @Benchmark
    public WsmanRequest sendEnvelope() {
        return builder.send(SHELL_ID, COMMAND_ID, stdin, 0, stdin.length, false);
    }

    @Benchmark
    public String parseCommandResponse() throws Exception {
        return CommandResponse.commandId(commandResponse, request);
    }

    /** A response envelope relating to {@link #REQUEST_ID}, with this body content. */
    static byte[] envelope(String action, String body) {
        String xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
                + "<s:Envelope xml:lang=\"en-US\" xmlns:s=\"" + WsmanNamespaces.SOAP + "\" xmlns:a=\""
                + WsmanNamespaces.ADDRESSING + "\" xmlns:w=\"" + WsmanNamespaces.WSMAN + "\" xmlns:rsp=\""
                + WsmanNamespaces.SHELL + "\"><s:Header><a:Action>" + action + "</a:Action>"
                + "<a:MessageID>uuid:11111111-1111-1111-1111-111111111112</a:MessageID>"
                + "<a:To>" + WsmanNamespaces.ANONYMOUS_REPLY_TO + "</a:To>"
                + "<a:RelatesTo>" + REQUEST_ID + "</a:RelatesTo></s:Header>"
                + "<s:Body>" + body + "</s:Body></s:Envelope>";
        return xml.getBytes(StandardCharsets.UTF_8);
    }
}
